package io.cdeepex.audit;

import io.cdeepex.explain.Explanation;
import io.cdeepex.report.AllureEnvironment;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.SelectorResolutionResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JUnit Platform engine that runs YAML audit suites: a container per file and a test per case, each case with
 * its file and line as {@link FileSource} and the YAML {@code tags} as JUnit tags, so that Surefire's
 * {@code -Dgroups}, IDEs and any Launcher select, filter and report them like other tests (the same design as
 * Cucumber's engine).
 *
 * <p>Selectors: a class annotated with {@link AuditSuiteDirectory} (what Surefire passes), a suite file, a directory
 * of suite files (what {@code cdeepex audit} passes), or a unique id of this engine. A request that selects classes
 * or class-path roots (a build tool's or an IDE's "all tests") but none of these runs the project's own suites
 * ({@link ProjectSuites}: {@code audits/} in the project and on the test class path). A case with a mistake of its own
 * becomes a failing test at its line and the file's other cases run; a suite that cannot be read, or whose
 * file-level parts are invalid, becomes one failing test. Either names file, line, column, field and what was
 * expected; the other suites still run.
 */
public final class AuditTestEngine implements TestEngine {
    public static final String ENGINE_ID = "cdeepex-audit";
    /** The report entry holding a finished case's verdicts, one per line (passes as well as failures). */
    public static final String VERDICTS_KEY = "verdicts";
    private static final Logger LOG = LoggerFactory.getLogger(AuditTestEngine.class);

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("io.cdeepex");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("cdeepex-audit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "CDeepEx audit suites");
        new Discovery(request, engine).run();
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        EngineExecutionListener listener = request.getEngineExecutionListener();
        TestDescriptor root = request.getRootTestDescriptor();
        listener.executionStarted(root);
        try (AuditSession session = new AuditSession(AllureEnvironment.of(request.getConfigurationParameters()::get))) {
            for (TestDescriptor child : root.getChildren()) execute(child, listener, session);
        }
        listener.executionFinished(root, TestExecutionResult.successful());
    }

    private void execute(TestDescriptor d, EngineExecutionListener listener, AuditSession session) {
        if (d instanceof ExcludedSuiteDescriptor excluded) {
            listener.executionSkipped(d, excluded.reason());
            return;
        }
        listener.executionStarted(d);
        TestExecutionResult result = TestExecutionResult.successful();
        if (d instanceof BrokenSuiteDescriptor broken) {
            result = TestExecutionResult.failed(broken.error());
        } else if (d instanceof InvalidCaseDescriptor invalid) {
            result = TestExecutionResult.failed(invalid.error());
        } else if (d instanceof CaseDescriptor c) {
            result = runCase(c, listener, session);
        } else {
            for (TestDescriptor child : d.getChildren()) execute(child, listener, session);
        }
        listener.executionFinished(d, result);
    }

    private TestExecutionResult runCase(CaseDescriptor d, EngineExecutionListener listener, AuditSession session) {
        AuditSuite suite = d.suite();
        AuditCase c = d.auditCase();
        CaseReport published = new PublishingReport(d, listener, new AllureCaseReport(d.getUniqueId().toString(), suite, c));
        try {
            CaseResult result = new CaseRunner(session, published).run(suite, c);
            LOG.info("{} line {}: case '{}' passed {} expectation(s)", suite.file(), c.position().line(), c.name(),
                    result.verdicts().size());
            return TestExecutionResult.successful();
        } catch (AssertionError e) {
            return TestExecutionResult.failed(e);
        } catch (RuntimeException e) {
            return TestExecutionResult.failed(new AuditRunException(suite, c, e));
        }
    }

    /**
     * Publishes a finished case's numbers and verdicts as JUnit report entries (JUnit XML, IDEs, the CLI's console)
     * and hands everything on to the Allure report.
     */
    private record PublishingReport(TestDescriptor descriptor, EngineExecutionListener listener, CaseReport next)
            implements CaseReport {
        @Override
        public void explained(AuditCase c, RunConfig run, List<Explanation> explanations, List<String> classNames) {
            next.explained(c, run, explanations, classNames);
        }

        @Override
        public void finished(CaseResult result) {
            if (!result.values().isEmpty()) listener.reportingEntryPublished(descriptor, ReportEntry.from(result.values()));
            listener.reportingEntryPublished(descriptor, ReportEntry.from(VERDICTS_KEY, result.summary().strip()));
            next.finished(result);
        }
    }

    /** Resolves the request's selectors into the descriptor tree. */
    private static final class Discovery {
        private final EngineDiscoveryRequest request;
        private final EngineDescriptor engine;
        private final SuiteLoader loader = SuiteLoader.fromSystem();

        Discovery(EngineDiscoveryRequest request, EngineDescriptor engine) {
            this.request = request;
            this.engine = engine;
        }

        /** Whether a selector named suites of this engine (a marker class, a suite file or folder, a unique id). */
        private boolean ownSelector;

        void run() {
            List<ClassSelector> classes = request.getSelectorsByType(ClassSelector.class);
            for (ClassSelector s : classes) {
                Class<?> type;
                try {
                    type = s.getJavaClass();
                } catch (RuntimeException | LinkageError e) {
                    continue; // not loadable here: not ours to report
                }
                if (marker(type, null, null)) resolved(s);
            }
            for (FileSelector s : request.getSelectorsByType(FileSelector.class)) {
                if (SuiteFiles.isSuite(s.getPath())) {
                    addSuite(engine, s.getPath(), null, null);
                    resolved(s);
                }
            }
            for (DirectorySelector s : request.getSelectorsByType(DirectorySelector.class)) {
                SuiteFiles.in(s.getPath()).forEach(f -> addSuite(engine, f, null, null));
                resolved(s);
            }
            for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
                if (uniqueId(s.getUniqueId())) resolved(s);
            }
            boolean projectRun = !classes.isEmpty()
                    || !request.getSelectorsByType(ClasspathRootSelector.class).isEmpty();
            if (projectRun && !ownSelector) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                ClassLoader loader = context != null ? context : AuditTestEngine.class.getClassLoader();
                ProjectSuites.find(request.getConfigurationParameters(), loader).forEach(f -> projectSuite(f, null));
            }
        }

        /** A suite of the project's folders, in the container build tools report it under. */
        private void projectSuite(Path file, String onlyCase) {
            UniqueId id = engine.getUniqueId().append(ProjectSuiteDescriptor.SEGMENT, file.toString());
            if (engine.findByUniqueId(id).isPresent()) return;
            ProjectSuiteDescriptor container = new ProjectSuiteDescriptor(id, file);
            engine.addChild(container);
            addSuite(container, file, null, onlyCase);
        }

        private void resolved(DiscoverySelector s) {
            ownSelector = true;
            request.getDiscoveryListener().selectorProcessed(engine.getUniqueId(), s, SelectorResolutionResult.resolved());
        }

        /** Adds the marker class's directory; {@code onlyFile} / {@code onlyCase} narrow it for a unique-id selector. */
        private boolean marker(Class<?> type, String onlyFile, String onlyCase) {
            Optional<AuditSuiteDirectory> annotation = AnnotationSupport.findAnnotation(type, AuditSuiteDirectory.class);
            if (annotation.isEmpty()) return false;
            UniqueId id = engine.getUniqueId().append(MarkerDescriptor.SEGMENT, type.getName());
            if (engine.findByUniqueId(id).isPresent()) return true;
            String dirName = annotation.get().value();
            MarkerDescriptor marker = new MarkerDescriptor(id, type, dirName);
            engine.addChild(marker);
            Path dir = Path.of(dirName);
            if (!Files.isDirectory(dir)) {
                Path missing = dir.toAbsolutePath().normalize();
                AuditSuiteException e = new AuditSuiteException(missing, List.of(new SuiteProblem(missing, Position.START,
                        "", "the suite directory named by @AuditSuiteDirectory on " + type.getName() + " does not exist"
                        + " (working directory " + Path.of("").toAbsolutePath() + "); expected a directory of *.yaml suites")));
                marker.addChild(new BrokenSuiteDescriptor(id.append(SuiteDescriptor.SEGMENT, dirName), e, Set.of()));
                return true;
            }
            Set<String> excluded = new LinkedHashSet<>(Arrays.asList(annotation.get().exclude()));
            for (Path file : SuiteFiles.in(dir)) {
                String name = file.getFileName().toString();
                if (onlyFile != null && !onlyFile.equals(name)) continue;
                if (excluded.contains(name)) {
                    marker.addChild(new ExcludedSuiteDescriptor(id.append(SuiteDescriptor.SEGMENT, name), file,
                            "excluded by @AuditSuiteDirectory(exclude = \"" + name + "\") on " + type.getName()
                                    + "; run it with: cdeepex audit " + file, TagScan.tagsOf(file)));
                    continue;
                }
                addSuite(marker, file, name, onlyCase);
            }
            return true;
        }

        private void addSuite(TestDescriptor parent, Path file, String segment, String onlyCase) {
            UniqueId id = parent.getUniqueId().append(SuiteDescriptor.SEGMENT,
                    segment != null ? segment : file.normalize().toString());
            if (engine.findByUniqueId(id).isPresent()) return;
            try {
                LoadedSuite loaded = loader.loadEachCase(file);
                AuditSuite suite = loaded.suite();
                SuiteDescriptor sd = new SuiteDescriptor(id, suite);
                // Valid and invalid cases in file order, so a report reads like the file.
                List<Object> cases = new ArrayList<>(suite.cases());
                cases.addAll(loaded.invalidCases());
                cases.sort(Comparator.comparingInt(c -> c instanceof AuditCase a ? a.position().line()
                        : ((InvalidCase) c).position().line()));
                Set<String> names = new HashSet<>();
                suite.cases().forEach(c -> names.add(c.name()));
                for (Object o : cases) {
                    if (o instanceof AuditCase c) {
                        if (onlyCase != null && !onlyCase.equals(c.name())) continue;
                        sd.addChild(new CaseDescriptor(id.append(CaseDescriptor.SEGMENT, c.name()), suite, c));
                    } else if (o instanceof InvalidCase c) {
                        // a repeated name is an invalid case's own mistake: its id says where it starts instead
                        String caseId = names.add(c.name()) ? c.name()
                                : c.name() + " (line " + c.position().line() + ")";
                        if (onlyCase != null && !onlyCase.equals(caseId)) continue;
                        sd.addChild(new InvalidCaseDescriptor(id.append(CaseDescriptor.SEGMENT, caseId), file, c));
                    }
                }
                parent.addChild(sd);
            } catch (AuditSuiteException e) {
                broken(parent, id, file, e);
            } catch (RuntimeException e) {
                // A bug or an unexpected runtime error while loading: still one failing node, never a lost engine.
                LOG.warn("could not load audit suite {}", file, e);
                broken(parent, id, file, new AuditSuiteException(file, List.of(new SuiteProblem(file, Position.START, "",
                        "could not be loaded: " + e))));
            }
        }

        private void broken(TestDescriptor parent, UniqueId id, Path file, AuditSuiteException e) {
            parent.addChild(new BrokenSuiteDescriptor(id, e, TagScan.tagsOf(file)));
            request.getDiscoveryListener().issueEncountered(engine.getUniqueId(),
                    DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, e.getMessage())
                            .source(FileSource.from(file.toFile())).build());
        }

        /**
         * [engine:cdeepex-audit]/[class:X]/[suite:f.yaml]/[case:n], [engine:cdeepex-audit]/[suite:path]/[case:n] or
         * [engine:cdeepex-audit]/[project-suite:path]/[suite:path]/[case:n].
         */
        private boolean uniqueId(UniqueId id) {
            List<UniqueId.Segment> segments = id.getSegments();
            if (segments.isEmpty() || !segments.get(0).equals(engine.getUniqueId().getSegments().get(0))) return false;
            if (segments.size() == 1) return true;
            UniqueId.Segment second = segments.get(1);
            String third = segments.size() > 2 ? segments.get(2).getValue() : null;
            if (MarkerDescriptor.SEGMENT.equals(second.getType())) {
                String caseName = segments.size() > 3 ? segments.get(3).getValue() : null;
                return ReflectionSupport.tryToLoadClass(second.getValue()).toOptional()
                        .map(type -> marker(type, third, caseName)).orElse(false);
            }
            if (ProjectSuiteDescriptor.SEGMENT.equals(second.getType()) && SuiteFiles.isSuite(Path.of(second.getValue()))) {
                projectSuite(Path.of(second.getValue()), segments.size() > 3 ? segments.get(3).getValue() : null);
                return true;
            }
            if (SuiteDescriptor.SEGMENT.equals(second.getType()) && SuiteFiles.isSuite(Path.of(second.getValue()))) {
                addSuite(engine, Path.of(second.getValue()), null, third);
                return true;
            }
            return false;
        }
    }

    /** Best effort: the tags a suite file declares even when it does not validate, for its failing node. */
    static final class TagScan {
        private TagScan() {}

        static Set<TestTag> tagsOf(Path file) {
            Set<TestTag> tags = new LinkedHashSet<>();
            try {
                YamlNode root = YamlTreeReader.read(Files.readString(file), new Problems(file));
                if (root instanceof YamlNode.Mapping m) {
                    add(m, tags);
                    YamlNode.Entry cases = m.entries().get("cases");
                    if (cases != null && cases.value() instanceof YamlNode.Sequence s) {
                        for (YamlNode c : s.items()) if (c instanceof YamlNode.Mapping cm) add(cm, tags);
                    }
                }
            } catch (RuntimeException | java.io.IOException ignored) {
                // unreadable: no tags; the failing node still carries the full error
            }
            return tags;
        }

        private static void add(YamlNode.Mapping m, Set<TestTag> tags) {
            YamlNode.Entry e = m.entries().get("tags");
            if (e == null) return;
            List<YamlNode> items = e.value() instanceof YamlNode.Sequence s ? s.items() : List.of(e.value());
            for (YamlNode n : items) {
                if (n instanceof YamlNode.Scalar sc && TestTag.isValid(sc.text().trim())) tags.add(TestTag.create(sc.text().trim()));
            }
        }
    }

    /** A case that could not be run to its verdict (a model that does not load, a native error): names the case. */
    static final class AuditRunException extends RuntimeException {
        AuditRunException(AuditSuite suite, AuditCase c, RuntimeException cause) {
            super(suite.file() + ": " + c.position() + ": case '" + c.name() + "' could not run: "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
    }
}
