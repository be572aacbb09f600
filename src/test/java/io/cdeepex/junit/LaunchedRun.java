package io.cdeepex.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs one test class with a fresh JUnit launcher (so it gets its own root store, as a separate test run would)
 * and records the summary, every result by method or class name, and the published report entries. Listener
 * auto-registration is off, so the Allure listener of the enclosing run does not see these inner tests.
 */
final class LaunchedRun {
    /** Configuration parameter that {@link EnabledWhenLaunched} looks for. */
    static final String MARKER = "cdeepex.test.launched";
    /** The committed tiny test models. */
    static final Path TEST_MODELS = Path.of("src/test/resources/models").toAbsolutePath();

    final TestExecutionSummary summary;
    final Map<String, TestExecutionResult> results;
    final List<ReportEntry> entries;

    private LaunchedRun(TestExecutionSummary summary, Map<String, TestExecutionResult> results,
                        List<ReportEntry> entries) {
        this.summary = summary;
        this.results = results;
        this.entries = entries;
    }

    /** Runs the class with the tiny test models on the CPU plus the given configuration parameters. */
    static LaunchedRun of(Class<?> testClass, Map<String, String> parameters) {
        return of(testClass, parameters, false);
    }

    /** As {@link #of}, with the post-discovery filters that the launcher finds on the class path (sharding). */
    static LaunchedRun withDiscoveryFilters(Class<?> testClass, Map<String, String> parameters) {
        return of(testClass, parameters, true);
    }

    private static LaunchedRun of(Class<?> testClass, Map<String, String> parameters, boolean discoveryFilters) {
        Map<String, String> all = new HashMap<>();
        all.put(MARKER, "true");
        all.put("cdeepex.models", TEST_MODELS.toString());
        all.put("cdeepex.device", "cpu");
        all.putAll(parameters);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass)).configurationParameters(all).build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(discoveryFilters)
                .build());
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        List<ReportEntry> entries = new CopyOnWriteArrayList<>();
        launcher.execute(request, summary, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                id.getSource().ifPresent(s -> {
                    if (s instanceof MethodSource m) results.put(m.getMethodName(), result);
                    if (s instanceof ClassSource c) results.put(c.getJavaClass().getSimpleName(), result);
                });
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                id.getSource().ifPresent(s -> {
                    String key = s instanceof MethodSource m ? m.getMethodName()
                            : s instanceof ClassSource c ? c.getJavaClass().getSimpleName() : s.toString();
                    results.put(key, TestExecutionResult.aborted(new IllegalStateException("skipped: " + reason)));
                });
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                entries.add(entry);
            }
        });
        return new LaunchedRun(summary.getSummary(), results, entries);
    }

    /** The throwable of the named method's or class's result (fails when it has none). */
    Throwable failure(String name) {
        TestExecutionResult r = results.get(name);
        if (r == null) throw new AssertionError("no result for '" + name + "'; results: " + results.keySet());
        return r.getThrowable().orElseThrow(() -> new AssertionError("'" + name + "' has no throwable: " + r));
    }

    /** Every failure as "display name: exception", one a line; empty when none failed. */
    String failures() {
        StringBuilder sb = new StringBuilder();
        for (TestExecutionSummary.Failure f : summary.getFailures()) {
            java.io.StringWriter trace = new java.io.StringWriter();
            f.getException().printStackTrace(new java.io.PrintWriter(trace));
            sb.append(f.getTestIdentifier().getDisplayName()).append(": ").append(trace).append('\n');
        }
        return sb.toString();
    }

    /** How many models were loaded, by the report entries the extension publishes. */
    long loads(String what) {
        return entries.stream().flatMap(e -> e.getKeyValuePairs().entrySet().stream())
                .filter(kv -> kv.getKey().equals(AuditModels.LOADED_ENTRY)
                        && kv.getValue().startsWith("loaded " + what + " "))
                .count();
    }
}
