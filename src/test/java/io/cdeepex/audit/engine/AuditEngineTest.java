package io.cdeepex.audit.engine;

import io.cdeepex.audit.AuditSuiteDirectory;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.launcher.TagFilter.includeTags;

/** The engine through a real Launcher, on suites over the committed tiny models. */
class AuditEngineTest {
    static final Path TINY = Path.of("src/test/resources/suites/tiny");

    /** A marker like AuditSuites, over the tiny suites, leaving the gate out. */
    @AuditSuiteDirectory(value = "src/test/resources/suites/tiny", exclude = "tiny-gate.yaml")
    static class TinySuites {
    }

    @Test
    void everyCaseIsATestWithItsFileLineAndTags() {
        EngineRun run = EngineRun.of(selectFile(TINY.resolve("tiny-audit.yaml").toFile()));

        assertThat(run.failedContainers()).isEmpty();
        assertThat(run.outcomes()).extracting(o -> o.id().getDisplayName()).containsExactly(
                "accuracy and recall are measured", "why not 8 is explained", "accuracy cannot be zero",
                "recall of ones cannot be zero");
        EngineRun.Outcome explained = run.test("why not 8 is explained");
        assertThat(explained.id().getSource()).contains(FileSource.from(
                TINY.resolve("tiny-audit.yaml").toAbsolutePath().toFile(), FilePosition.from(26, 5)));
        assertThat(explained.tags()).containsExactlyInAnyOrder("tiny", "bias");
        assertThat(explained.passed()).isTrue();
        assertThat(explained.entries()).hasSize(2);
        assertThat(explained.entries().get(0).getKeyValuePairs()).containsKeys("satisfactionRate",
                "redMassFraction in [x=0, y=0, 8x8]", "redMaximumInRegionRate in [x=0, y=0, 8x8]",
                "probabilityMovedRate");
        assertThat(explained.entries().get(1).getKeyValuePairs().get(AuditTestEngine.VERDICTS_KEY))
                .contains("passed satisfactionRate = 0.000 (0 of 4) (expected <= 0.250)",
                        "run: tiny-cnn + tiny-gen (cdeepex) on digits (4 images, why predicted and not 8)");
        assertThat(run.test("accuracy and recall are measured").passed()).isTrue();
    }

    @Test
    void aFixedTrueClassAsksOnlyAboutImagesTheClassifierAssignsToIt() {
        EngineRun run = EngineRun.of(selectFile(Path.of("src/test/resources/suites/questions/tiny-questions.yaml")
                .toFile()));

        // tiny-cnn calls 3 of these 4 ones a 1 (recall of class 1 on them 0.75, see tiny-audit.yaml): 3 questions.
        EngineRun.Outcome ones = run.test("why 1 and not 7");
        assertThat(ones.passed()).isTrue();
        assertThat(ones.entries().get(1).getKeyValuePairs().get(AuditTestEngine.VERDICTS_KEY))
                .contains("(0 of 3)",
                        "1 of 4 images left out: tiny-cnn does not assign them to the question's true class 1");
        EngineRun.Outcome none = run.test("why 3 and not 7 about ones");
        assertThat(none.failed()).isTrue();
        assertThat(none.message()).contains("none of the 4 sample images is a question for tiny-cnn",
                "4 of 4 images left out: tiny-cnn does not assign them to the question's true class 3");
    }

    @Test
    void theSuitesNamedRegionsAreReportedForCasesThatExplain() {
        EngineRun run = EngineRun.of(selectFile(TINY.resolve("tiny-audit.yaml").toFile()));

        Map<String, String> values = run.test("why not 8 is explained").entries().get(0).getKeyValuePairs();
        assertThat(values).containsKeys("red mass in corner", "blue mass in corner", "red mass in centre",
                "blue mass in centre");
        // The named region is the expectation's region: the same number, measured the same way.
        assertThat(values.get("red mass in corner")).isEqualTo(values.get("redMassFraction in [x=0, y=0, 8x8]"));
        assertThat(run.test("why not 8 is explained").entries().get(1).getKeyValuePairs()
                .get(AuditTestEngine.VERDICTS_KEY))
                .contains("mean red / blue mass fraction in the suite's regions: corner "
                        + values.get("red mass in corner")
                        + " / " + values.get("blue mass in corner") + "; centre ");
        assertThat(run.test("accuracy and recall are measured").entries().get(0).getKeyValuePairs())
                .doesNotContainKey("red mass in corner");
    }

    @Test
    void aFailedExpectationNamesFileLineValueAndBound() {
        EngineRun run = EngineRun.of(selectFile(TINY.resolve("tiny-audit.yaml").toFile()));

        EngineRun.Outcome failed = run.test("accuracy cannot be zero");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.message())
                .contains("tiny-audit.yaml: line 43, column 5: case 'accuracy cannot be zero' failed 1 of 1",
                "FAILED accuracy = 0.750 (4 images), expected at most 0.000 [cases[2].expect[0], line 47, column 9]",
                "run: tiny-cnn on digits (4 images)");
        assertThat(failed.result().getThrowable()).containsInstanceOf(org.opentest4j.AssertionFailedError.class);
    }

    @Test
    void boundsTheAssertionLayerKnowsAreJudgedByItAndListTheOffendingImages() {
        EngineRun run = EngineRun.of(selectFile(TINY.resolve("tiny-audit.yaml").toFile()));

        EngineRun.Outcome failed = run.test("recall of ones cannot be zero");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.message()).contains("FAILED recall of class 1 = 0.750 (4 images), expected at most 0.000",
                "Expecting at most 0.0% of 4 class 1 images of mnist-samples to be recognised as class 1",
                "Recognised (3):", "mnist-samples#");
    }

    @Test
    void tagFiltersSelectCases() {
        EngineRun run = EngineRun.of(List.of(includeTags("classifier")),
                selectFile(TINY.resolve("tiny-audit.yaml").toFile()));

        assertThat(run.outcomes()).extracting(o -> o.id().getDisplayName())
                .containsExactly("accuracy and recall are measured", "accuracy cannot be zero",
                        "recall of ones cannot be zero");
    }

    @Test
    void aMarkerClassRunsItsDirectoryAndShowsExcludedFilesAsSkipped() {
        EngineRun run = EngineRun.of(List.of(includeTags("classifier | gate")), selectClass(TinySuites.class));

        assertThat(run.outcomes()).extracting(o -> o.id().getDisplayName())
                .containsExactly("accuracy and recall are measured", "accuracy cannot be zero",
                        "recall of ones cannot be zero", "tiny-gate.yaml (excluded)");
        assertThat(run.skipped()).singleElement().asString()
                .contains("excluded by @AuditSuiteDirectory(exclude = \"tiny-gate.yaml\") on "
                        + TinySuites.class.getName(),
                        "run it with: cdeepex audit");
        TestIdentifier marker = run.plan.getParent(run.plan.getParent(run.test("accuracy cannot be zero").id())
                .orElseThrow())
                .orElseThrow();
        assertThat(marker.getLegacyReportingName()).isEqualTo(TinySuites.class.getName());
    }

    @Test
    void aUniqueIdSelectsOneCase() {
        UniqueId id = UniqueId.forEngine(AuditTestEngine.ENGINE_ID).append("class", TinySuites.class.getName())
                .append("suite", "tiny-audit.yaml").append("case", "accuracy cannot be zero");
        EngineRun run = EngineRun.of(selectUniqueId(id));

        assertThat(run.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.id().getUniqueIdObject()).isEqualTo(id);
            assertThat(o.failed()).isTrue();
        });
    }

    @Test
    void aRegressionGateReportsBaselineCandidateAndTolerance() {
        EngineRun run = EngineRun.of(selectFile(TINY.resolve("tiny-gate.yaml").toFile()));

        EngineRun.Outcome worse = run.test("accuracy on covered digits is no worse");
        assertThat(worse.failed()).isTrue();
        assertThat(worse.message())
                .contains("Metric accuracy regression check failed: candidate model tiny-cnn (covered)"
                + " accuracy = 0.125, baseline model tiny-cnn (clean) accuracy = 0.900, tolerance = 0.050 (higher is"
                + " better); the candidate is worse by 0.775, more than the tolerance.");
        assertThat(worse.entries().get(0).getKeyValuePairs())
                .containsEntry("baseline accuracy", "0.900").containsEntry("candidate accuracy", "0.125");
        EngineRun.Outcome same = run.test("accuracy on clean digits is no worse than itself");
        assertThat(same.passed()).isTrue();
    }

    @Test
    void jupiterLeavesTheMarkerClassAlone() {
        List<String> problems = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.getUniqueId()
                        .contains("junit-jupiter")) {
                    problems.add(id.getUniqueId() + ": " + result);
                }
            }
        };
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        var request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(TinySuites.class))
                .filters(includeTags("classifier")).build();
        TestPlan plan = launcher.discover(request);
        launcher.execute(request, listener);

        assertThat(problems).isEmpty();
        assertThat(plan.getRoots()).filteredOn(r -> r.getUniqueId().contains("junit-jupiter"))
                .allSatisfy(r -> assertThat(plan.getChildren(r)).isEmpty());
        assertThat(plan.countTestIdentifiers(TestIdentifier::isTest)).isEqualTo(3);
    }
}
