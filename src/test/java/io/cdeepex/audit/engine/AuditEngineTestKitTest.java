package io.cdeepex.audit.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUri;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** The engine on its own, through JUnit's EngineTestKit: what each kind of selector finds and what a run reports. */
class AuditEngineTestKitTest {
    private static final Path TINY = Path.of("src/test/resources/suites/tiny");
    private static final Path TINY_AUDIT = TINY.resolve("tiny-audit.yaml");
    /** tiny-audit.yaml's cases start at lines 13, 26, 43 and 50. */
    private static final int INSIDE_THIRD_CASE = 47;

    private static EngineTestKit.Builder engine() {
        return EngineTestKit.engine(AuditTestEngine.ENGINE_ID).enableImplicitConfigurationParameters(false)
                .configurationParameter("cdeepex.device", "cpu");
    }

    @Test
    void aFileWithALineSelectsTheCaseThatLineLiesIn() {
        Events tests = engine().selectors(selectFile(TINY_AUDIT.toFile(), FilePosition.from(INSIDE_THIRD_CASE)))
                .execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1).succeeded(0).skipped(0));
        tests.finished().assertThatEvents().haveExactly(1, event(test(), displayName("accuracy cannot be zero"),
                finishedWithFailure(message(m -> m.contains("FAILED accuracy = 0.750 (4 images)")))));
    }

    @Test
    void aLineAboveTheFirstCaseSelectsTheWholeSuite() {
        EngineDiscoveryResults found = engine().selectors(selectFile(TINY_AUDIT.toFile(), FilePosition.from(3)))
                .discover();

        assertThat(tests(found.getEngineDescriptor())).extracting(TestDescriptor::getDisplayName).containsExactly(
                "accuracy and recall are measured", "why not 8 is explained", "accuracy cannot be zero",
                "recall of ones cannot be zero");
    }

    @Test
    void aFileUriWithALineSelectsOneCaseAsWell() {
        EngineDiscoveryResults found = engine().selectors(selectUri(TINY_AUDIT.toAbsolutePath().toUri() + "?line=14"))
                .discover();

        assertThat(tests(found.getEngineDescriptor())).extracting(TestDescriptor::getDisplayName)
                .containsExactly("accuracy and recall are measured");
    }

    @Test
    void aClasspathResourceRunsTheSuiteFromTheTestResources() {
        Events tests = engine().selectors(selectClasspathResource("suites/tiny/tiny-audit.yaml")).execute()
                .testEvents();

        // two cases pass; the two tagged meant-to-fail fail
        tests.assertStatistics(s -> s.started(4).succeeded(2).failed(2).skipped(0));
        tests.succeeded().assertThatEvents().haveExactly(1, event(test(), displayName("why not 8 is explained")))
                .allSatisfy(e -> assertThat(e.getTestDescriptor().getSource()).hasValueSatisfying(s ->
                        assertThat(((FileSource) s).getFile().toPath()).isEqualTo(
                                Path.of("target/test-classes/suites/tiny/tiny-audit.yaml").toAbsolutePath())));
    }

    @Test
    void aClasspathResourceWithALineSelectsOneCase() {
        Events tests = engine().selectors(selectClasspathResource("suites/tiny/tiny-audit.yaml",
                FilePosition.from(14))).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).succeeded(1));
        tests.succeeded().assertThatEvents().haveExactly(1, event(test(),
                displayName("accuracy and recall are measured")));
    }

    @Test
    void theGateSuiteReportsOneRegressionAndOnePass() {
        engine().selectors(selectFile(TINY.resolve("tiny-gate.yaml").toFile())).execute().testEvents()
                .assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    }

    @Test
    void nothingFoundIsNoTestsAndNoFailure(@TempDir Path empty) throws IOException {
        Files.writeString(empty.resolve("notes.txt"), "not a suite");
        EngineExecutionResults results = engine().selectors(selectFile(empty.resolve("notes.txt").toFile()),
                selectDirectory(empty.toFile()), selectClasspathResource("suites/no-such-suite.yaml")).execute();

        results.testEvents().assertStatistics(s -> s.started(0).skipped(0));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void aUniqueIdOfACaseTheFileDoesNotHaveFailsTheRunNamingIt() {
        UniqueId gone = UniqueId.forEngine(AuditTestEngine.ENGINE_ID).append("suite", TINY_AUDIT.toString())
                .append("case", "no such case");
        EngineExecutionResults results = engine().selectors(selectUniqueId(gone)).execute();

        // JUnit's own rule for a unique id that its engine cannot resolve (an IDE re-running a deleted case)
        results.testEvents().assertStatistics(s -> s.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("[case:no such case]") && m.contains("could not be resolved")))));
    }

    @Test
    void aBrokenSuiteIsOneFailingTestAndADiscoveryIssueAtTheFile() {
        Path file = Path.of("src/test/resources/suites/bad/wrong-type.yaml");
        EngineTestKit.Builder kit = engine().selectors(selectFile(file.toFile()));

        EngineDiscoveryResults found = kit.discover();
        assertThat(found.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message()).contains("wrong-type.yaml: line ");
            assertThat(issue.source()).hasValueSatisfying(s -> assertThat(((FileSource) s).getFile().toPath()
                    .toAbsolutePath()).isEqualTo(file.toAbsolutePath()));
        });
        Events tests = kit.execute().testEvents();
        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.failed().assertThatEvents().haveExactly(1, event(test(), displayName("wrong-type.yaml (invalid suite)"),
                finishedWithFailure()));
    }

    @Test
    void aSuiteOnAGpuThisHostLacksSkipsItsCasesWithTheReason(@TempDir Path dir) throws IOException {
        Path file = EngineRun.twoCasesOnAMissingGpu(dir.resolve("on-gpu.yaml"));

        Events tests = engine().selectors(selectFile(file.toFile())).execute().testEvents();

        tests.assertStatistics(s -> s.skipped(2).started(0));
        tests.skipped().assertThatEvents().haveExactly(2, event(test(), skippedWithReason(r ->
                r.startsWith("on-gpu.yaml: device 'gpu:99' requested (suite field 'device') but "))));
    }

    @Test
    void casesThatExplainHoldTheSolverLockAndTheOthersDoNot() {
        TestDescriptor root = engine().selectors(selectFile(TINY_AUDIT.toFile())).discover().getEngineDescriptor();

        Map<String, Object> locks = new java.util.LinkedHashMap<>();
        for (TestDescriptor t : tests(root)) {
            locks.put(t.getDisplayName(), ((CaseDescriptor) t).getExclusiveResources().stream()
                    .map(ExclusiveResource::getKey).toList());
        }
        assertThat(locks).containsExactly(
                Map.entry("accuracy and recall are measured", java.util.List.of()),
                Map.entry("why not 8 is explained", java.util.List.of(AuditTestEngine.SOLVER_RESOURCE)),
                Map.entry("accuracy cannot be zero", java.util.List.of()),
                Map.entry("recall of ones cannot be zero", java.util.List.of()));
    }

    @Test
    void aParallelRunReportsTheSameResults() {
        Events tests = engine().selectors(selectFile(TINY_AUDIT.toFile()), selectFile(TINY.resolve("tiny-gate.yaml")
                        .toFile()))
                .configurationParameter(AuditTestEngine.PARALLEL_ENABLED, "true")
                .configurationParameter(AuditTestEngine.PARALLEL_CONFIG_PREFIX + "strategy", "fixed")
                .configurationParameter(AuditTestEngine.PARALLEL_CONFIG_PREFIX + "fixed.parallelism", "3")
                .execute().testEvents();

        tests.assertStatistics(s -> s.started(6).succeeded(3).failed(3));
    }

    private static java.util.List<TestDescriptor> tests(TestDescriptor root) {
        java.util.List<TestDescriptor> out = new java.util.ArrayList<>();
        root.accept(d -> {
            if (d.isTest()) out.add(d);
        });
        return out;
    }
}
