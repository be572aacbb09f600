package io.cdeepex.audit.engine;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * Runs the audit engine through a real JUnit Platform Launcher (auto-registered listeners off, so nothing lands in
 * the project's Allure results) and records what a build tool would see: the plan, results, skips, report entries.
 */
final class EngineRun implements TestExecutionListener {
    /** One test as a listener saw it. */
    record Outcome(TestIdentifier id, TestExecutionResult result, String skipReason, List<ReportEntry> entries) {
        boolean passed() { return result != null && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL; }

        boolean failed() { return result != null && result.getStatus() == TestExecutionResult.Status.FAILED; }

        String message() {
            return result == null ? "" : result.getThrowable().map(Throwable::getMessage).orElse("");
        }

        Set<String> tags() { return id.getTags().stream().map(TestTag::getName).collect(Collectors.toSet()); }
    }

    final Map<String, TestIdentifier> tests = new LinkedHashMap<>();
    final Map<String, TestExecutionResult> results = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    final Map<String, List<ReportEntry>> entries = new LinkedHashMap<>();
    TestPlan plan;

    static EngineRun of(DiscoverySelector... selectors) {
        return of(List.of(), selectors);
    }

    static EngineRun of(List<PostDiscoveryFilter> filters, DiscoverySelector... selectors) {
        return of(Map.of(), filters, selectors);
    }

    /** A run with these launcher configuration parameters (as Surefire's configurationParameters pass them). */
    static EngineRun of(Map<String, String> configuration, List<PostDiscoveryFilter> filters,
                        DiscoverySelector... selectors) {
        EngineRun run = new EngineRun();
        launcher().execute(request(configuration, filters, selectors), run);
        return run;
    }

    /** The tests a run would have, without running them. */
    static List<TestIdentifier> plan(Map<String, String> configuration, DiscoverySelector... selectors) {
        TestPlan plan = launcher().discover(request(configuration, List.of(), selectors));
        List<TestIdentifier> tests = new ArrayList<>();
        plan.accept(new TestPlan.Visitor() {
            @Override
            public void visit(TestIdentifier id) {
                if (id.isTest()) tests.add(id);
            }
        });
        return tests;
    }

    private static LauncherDiscoveryRequest request(Map<String, String> configuration,
                                                    List<PostDiscoveryFilter> filters,
                                                    DiscoverySelector... selectors) {
        return LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(includeEngines(AuditTestEngine.ENGINE_ID))
                .filters(filters.toArray(new PostDiscoveryFilter[0])).configurationParameters(configuration).build();
    }

    private static Launcher launcher() {
        return LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .build());
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) tests.put(id.getUniqueId(), id);
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        tests.put(id.getUniqueId(), id);
        skipped.put(id.getUniqueId(), reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        results.put(id.getUniqueId(), result);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entries.computeIfAbsent(id.getUniqueId(), k -> new ArrayList<>()).add(entry);
    }

    /** Every test (run or skipped) in execution order. */
    List<Outcome> outcomes() {
        return tests.values().stream().map(id -> new Outcome(id, results.get(id.getUniqueId()),
                skipped.get(id.getUniqueId()), entries.getOrDefault(id.getUniqueId(), List.of()))).toList();
    }

    /** The test with this display name. */
    Outcome test(String displayName) {
        Optional<Outcome> o = outcomes().stream().filter(t -> t.id().getDisplayName().equals(displayName)).findFirst();
        return o.orElseThrow(() -> new AssertionError("no test named '" + displayName + "' among "
                + outcomes().stream().map(t -> t.id().getDisplayName()).toList()));
    }

    /** The test with this display name in the given suite file. */
    Outcome test(String file, String displayName) {
        Optional<Outcome> o = outcomes().stream().filter(t -> t.id().getDisplayName().equals(displayName)
                && t.id().getSource().map(s -> s.toString().contains(file)).orElse(false)).findFirst();
        return o.orElseThrow(() -> new AssertionError("no test named '" + displayName + "' in " + file));
    }

    /** The skip reasons, in order. */
    List<String> skipped() {
        return List.copyOf(skipped.values());
    }

    /** Containers that did not finish successfully (the engine itself failing, say). */
    List<String> failedContainers() {
        return results.entrySet().stream().filter(e -> !tests.containsKey(e.getKey())
                && e.getValue().getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /** Writes a suite of two tiny-cnn cases, "one" and "two", on device gpu:99, which no test host has. */
    static java.nio.file.Path twoCasesOnAMissingGpu(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Files.writeString(file, """
                classifier: %s/tiny-cnn
                device: gpu:99
                samples:
                  d: {dataset: mnist-samples, count: 4}
                cases:
                  - {name: one, expect: [{metric: accuracy, atLeast: 0.1}]}
                  - {name: two, expect: [{metric: accuracy, atLeast: 0.1}]}
                """.formatted(io.cdeepex.model.TestModels.ROOT.toAbsolutePath()));
        return file;
    }
}
