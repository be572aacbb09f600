package io.cdeepex.cli;

import io.cdeepex.audit.engine.AuditTestEngine;
import io.cdeepex.model.DeviceChoice;
import io.cdeepex.model.ModelRepository;
import io.cdeepex.report.AllureEnvironment;
import io.cdeepex.shard.Shard;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * {@code cdeepex audit [PATH...]}: runs YAML audit suites through the JUnit Platform Launcher — the same engine
 * Surefire uses — and prints every case's verdicts. Writes JUnit XML and Allure results under {@code --reports};
 * the exit code is 1 when any case fails (or nothing matched), so a CI step can gate on it.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Runs YAML audit suites (each case a JUnit test) and prints their verdicts; writes JUnit XML to"
                + " REPORTS/junit and Allure results to REPORTS/allure-results. Exit code 1 when any case fails.")
final class AuditCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Suite files (*.yaml) or directories of them (default: audits)")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--reports",
            paramLabel = "DIR",
            defaultValue = "reports",
            description =
                    "Where JUnit XML (DIR/junit) and Allure results (DIR/allure-results) go (default ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "Only cases whose tags match this JUnit tag expression, e.g. 'bias & !slow'")
    String tags;

    @Option(
            names = "--models",
            paramLabel = "DIR",
            description =
                    "Models root for model names in suites (default: system property cdeepex.models, else models)")
    Path models;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only shard I of N (1-based): the cases whose suite file and name hash to it, so that"
                    + " N CI jobs share the suites, each case in exactly one job (default: system property"
                    + " cdeepex.shard, else all cases)")
    String shard;

    @Option(
            names = "--device",
            paramLabel = "auto|cpu|gpu",
            description =
                    "Device for suites that name none (default: system property cdeepex.device, env CDEEPEX_DEVICE,"
                            + " else auto)")
    String device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> targets = paths.isEmpty() ? List.of(Path.of("audits")) : paths;
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (Path p : targets) {
            if (Files.isDirectory(p)) {
                selectors.add(selectDirectory(p.toFile()));
            } else if (Files.isRegularFile(p)) {
                selectors.add(selectFile(p.toFile()));
            } else {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "no suite file or directory " + p.toAbsolutePath());
            }
        }
        if (device != null) DeviceOption.resolve(device); // a device that cannot be had fails here, naming --device
        Optional<Shard> oneShard = shard();
        AuditResultsFolder folder = AuditResultsFolder.claim(reports);
        // The engine reads these settings as system properties; they hold for this run only, so that a later
        // command in the same JVM (a test, an IDE) does not inherit them.
        String previousModels = System.getProperty(ModelRepository.PROPERTY);
        String previousDevice = System.getProperty(DeviceChoice.PROPERTY);
        TestExecutionSummary summary;
        long inOtherShards = 0;
        try {
            if (models != null) System.setProperty(ModelRepository.PROPERTY, models.toString());
            if (device != null) System.setProperty(DeviceChoice.PROPERTY, device);
            summary = run(request(selectors, folder, oneShard.map(Shard::toString).orElse("")), folder, out);
            if (summary.getTestsFoundCount() == 0 && oneShard.isPresent()) {
                inOtherShards = LauncherFactory.create().discover(request(selectors, folder, ""))
                        .countTestIdentifiers(TestIdentifier::isTest);
            }
        } finally {
            restore(ModelRepository.PROPERTY, previousModels);
            restore(DeviceChoice.PROPERTY, previousDevice);
        }

        out.printf("%n%d case(s)%s: %d passed, %d failed, %d skipped%n", summary.getTestsFoundCount(),
                oneShard.map(s -> " in shard " + s).orElse(""), summary.getTestsSucceededCount(),
                summary.getTestsFailedCount(), summary.getTestsSkippedCount());
        out.printf("JUnit XML:      %s%nAllure results: %s (HTML: mvn -Paudit verify, or allure generate)%n",
                folder.junit().toAbsolutePath(), folder.allureResults().toAbsolutePath());
        out.flush();
        if (inOtherShards > 0) {
            out.printf("shard %s holds none of the %d case(s); the other shards run them%n", oneShard.get(),
                    inOtherShards);
            out.flush();
            return 0;
        }
        if (summary.getTestsFoundCount() == 0) {
            spec.commandLine().getErr().println("error: no audit cases found in " + targets
                    + (tags == null ? "" : " matching tags '" + tags + "'"));
            return 1;
        }
        return summary.getTotalFailureCount() > 0 ? 1 : 0;
    }

    /** The suites and filters of this command; {@code shard} "I/N", or blank for every case. */
    private LauncherDiscoveryRequest request(
            List<DiscoverySelector> selectors, AuditResultsFolder folder, String shard) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(includeEngines(AuditTestEngine.ENGINE_ID))
                .configurationParameter(AllureEnvironment.RESULTS_DIRECTORY, folder.allureResults().toString())
                .configurationParameter(Shard.PROPERTY, shard);
        if (tags != null) request.filters(TagFilter.includeTags(tags));
        return request.build();
    }

    /** --shard, else the system property; a malformed value is refused naming where it came from. */
    private Optional<Shard> shard() {
        try {
            return shard != null ? Shard.parse(shard, "--shard")
                    : Shard.parse(System.getProperty(Shard.PROPERTY), "system property " + Shard.PROPERTY);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }

    /**
     * Runs the request with JUnit XML, Allure and console listeners. Allure gets its own lifecycle writing under
     * {@code --reports}; the global one is put back afterwards, so that a run inside another test run (or a JVM
     * that already reports to Allure) keeps its own results where they were. A shutdown before the end (Ctrl-C,
     * SIGTERM) is recorded in those reports by {@link InterruptibleAuditRun}.
     */
    private TestExecutionSummary run(LauncherDiscoveryRequest request, AuditResultsFolder folder, PrintWriter out) {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(folder.allureResults()));
        AllureLifecycle previous = Allure.getLifecycle();
        Allure.setLifecycle(lifecycle);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        InterruptibleAuditRun reportsOfRun = new InterruptibleAuditRun(List.of(summary,
                new AllureJunitPlatform(lifecycle), new LegacyXmlReportGeneratingListener(folder.junit(), out),
                new ConsoleListener(out)), folder.interruptedNote(), spec.commandLine().getErr()).watch();
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(request, reportsOfRun);
        } finally {
            reportsOfRun.close();
            Allure.setLifecycle(previous);
        }
        return summary.getSummary();
    }

    /** Prints each case as it finishes: PASS / FAIL / SKIP, where it is, and its verdicts. */
    private static final class ConsoleListener implements TestExecutionListener {
        private final PrintWriter out;
        private String verdicts;

        ConsoleListener(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            verdicts = null;
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            String v = entry.getKeyValuePairs().get(AuditTestEngine.VERDICTS_KEY);
            if (v != null) verdicts = v;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (!id.isTest()) return;
            out.printf("SKIP %s  %s%n     %s%n", where(id), id.getDisplayName(), reason);
            out.flush();
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) return;
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                out.printf("PASS %s  %s%n%s", where(id), id.getDisplayName(), indent(verdicts));
            } else {
                String message = result.getThrowable().map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
                        .orElse(result.getStatus().toString());
                out.printf("FAIL %s  %s%n%s", where(id), id.getDisplayName(), indent(message));
            }
            out.flush();
        }

        private static String where(TestIdentifier id) {
            return id.getSource().filter(FileSource.class::isInstance).map(FileSource.class::cast)
                    .map(s -> s.getFile().getName() + s.getPosition().map(p -> ":" + p.getLine()).orElse(""))
                    .orElse("");
        }

        private static String indent(String text) {
            if (text == null || text.isBlank()) return "";
            return text.strip().lines().map(l -> "     " + l + System.lineSeparator()).reduce("", String::concat);
        }
    }
}
