package io.cdeepex.audit.suite;

import com.fasterxml.jackson.core.JsonToken;
import io.cdeepex.data.ClassNames;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.metrics.Metric;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelRepository;
import io.cdeepex.text.DidYouMean;
import org.junit.platform.engine.TestTag;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates YAML audit suites (schema: {@code audits/schema/audit-suite.schema.json}, documented in
 * {@code audits/README.md}). Validation goes as far as reading model cards and choosing the sample images, so a
 * probe outside the classifier's classes, a region outside its input, a missing model directory or an empty
 * sample set is reported before anything runs — as one {@link AuditSuiteException} listing every problem of the
 * file with line, column and field. Model names resolve under the models root ({@link ModelRepository}); paths and
 * dataset paths resolve relative to the suite file's directory. One loader caches the datasets it reads.
 */
public final class SuiteLoader {
    static final Set<String> SUITE_KEYS = Set.of("suite", "description", "tags", "device", "classifier", "generator",
            "method", "solver", "question", "samples", "regions", "cases");
    static final Set<String> CASE_KEYS = Set.of("name", "description", "tags", "classifier", "generator", "method",
            "solver", "samples", "question", "scan", "baseline", "candidate", "expect");
    static final Set<String> SIDE_KEYS = Set.of("classifier", "generator", "method", "solver", "samples");
    static final Set<String> SAMPLE_KEYS = Set.of("dataset", "include", "exclude", "count", "seed", "plant",
            "ignoreClassNames");
    static final Set<String> SCAN_KEYS = Set.of("probes", "images", "checkImages", "batch", "seed", "addThreshold",
            "minInversionAgreement");
    static final Set<String> QUESTION_KEYS = Set.of("trueClass", "probeClass");
    static final Set<String> EXPECT_KEYS = Set.of("metric", "region", "class", "plant", "minShift", "atLeast", "atMost",
            "tolerance", "minImprovement", "better");
    static final Set<String> REGION_KEYS = Set.of("x", "y", "width", "height");
    static final long DEFAULT_SAMPLE_SEED = 42;

    private final ModelRepository models;
    private final Map<String, ImageSet> datasets = new HashMap<>();

    public SuiteLoader(ModelRepository models) {
        this.models = models;
    }

    /** A loader for the models root of system property {@code cdeepex.models} (default {@code models/}). */
    public static SuiteLoader fromSystem() {
        return new SuiteLoader(ModelRepository.fromSystem());
    }

    public ModelRepository models() {
        return models;
    }

    /**
     * Reads, binds and validates one suite file.
     *
     * @throws AuditSuiteException listing every problem (file, line, column, field, what was expected)
     */
    public AuditSuite load(Path file) {
        Problems problems = new Problems(file);
        String text = read(file, problems);
        YamlNode root = YamlTreeReader.read(text, problems);
        AuditSuite suite = new Binder(file, text, problems).suite(root);
        problems.throwIfAny();
        return suite;
    }

    /**
     * Reads a suite for running: a mistake inside one case makes that case an {@link InvalidCase} and leaves the
     * other cases runnable; a mistake anywhere else (the YAML, suite-level keys, named sample sets) still makes the
     * whole file invalid, since every case depends on it.
     *
     * @throws AuditSuiteException when the file as a whole cannot run, listing every problem of the file
     */
    public LoadedSuite loadEachCase(Path file) {
        Problems problems = new Problems(file);
        String text = read(file, problems);
        YamlNode root = YamlTreeReader.read(text, problems);
        Binder binder = new Binder(file, text, problems);
        AuditSuite suite = binder.suite(root);
        Map<WrittenCase, List<SuiteProblem>> own = new LinkedHashMap<>();
        int caseProblems = 0;
        for (WrittenCase w : binder.written) {
            List<SuiteProblem> p = problems.under(w.path());
            own.put(w, p);
            caseProblems += p.size();
        }
        if (caseProblems < problems.count()) problems.throwIfAny();
        List<AuditCase> valid = new ArrayList<>();
        List<InvalidCase> invalid = new ArrayList<>();
        own.forEach((w, p) -> {
            if (p.isEmpty() && w.bound() != null) {
                valid.add(w.bound());
                return;
            }
            List<SuiteProblem> listed = p.isEmpty() ? List.of(new SuiteProblem(file, w.position(), w.path(),
                    "cannot run (no problem was recorded; please report this suite)")) : p;
            invalid.add(new InvalidCase(w.name(), w.position(), w.tags(), Problems.exception(file, listed)));
        });
        return new LoadedSuite(new AuditSuite(file, suite.name(), suite.description(), suite.tags(), suite.device(),
                suite.regions(), valid), invalid);
    }

    /** One entry of {@code cases} as written: its path, name (or path), position, tags and, when valid, the case. */
    private record WrittenCase(String path, String name, Position position, List<String> tags, AuditCase bound) {}

    private static String read(Path file, Problems problems) {
        String text = null;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            problems.add(Position.START, "", "the suite file does not exist");
        } catch (MalformedInputException e) {
            problems.add(Position.START, "", "is not UTF-8 text");
        } catch (IOException e) {
            problems.add(Position.START, "", "cannot be read: " + e.getMessage());
        }
        problems.throwIfAny();
        return text;
    }

    /** The layered settings of a case: suite defaults, then the case, then a gate side. */
    private static final class Template {
        ModelRef classifier;
        boolean classifierWritten;
        ModelRef generator;
        boolean generatorWritten;
        Method method = Method.CDEEPEX;
        boolean methodBroken;
        List<Map<String, SolverOverrides.Value>> solver = new ArrayList<>();
        SampleSet samples;
        boolean samplesWritten;

        Template copy() {
            Template t = new Template();
            t.classifier = classifier;
            t.classifierWritten = classifierWritten;
            t.generator = generator;
            t.generatorWritten = generatorWritten;
            t.method = method;
            t.methodBroken = methodBroken;
            t.solver = new ArrayList<>(solver);
            t.samples = samples;
            t.samplesWritten = samplesWritten;
            return t;
        }
    }

    /**
     * A question with the places its classes were written and the class indices as written (a negative one is kept
     * here only, so that it is reported against the classifier's range rather than read as a keyword).
     */
    private record LocatedQuestion(QuestionSpec spec, Fields fields, Map<String, Integer> written) {}

    /** A case's scan settings with the mapping they were read from, for checking the probes against classifiers. */
    private record LocatedScan(ScanSettings settings, Fields fields) {}

    /** Binds one file's tree; collects problems instead of stopping at the first. */
    private final class Binder {
        private final Path file;
        private final Path dir;
        private final String[] lines;
        private final Problems problems;
        private final Map<String, SampleSet> namedSamples = new LinkedHashMap<>();
        private final Map<String, Region> namedRegions = new LinkedHashMap<>();
        /** Named sample sets with problems of their own: a case using one is not told the name is unknown. */
        private final Set<String> brokenSamples = new HashSet<>();
        /** The suite's {@code regions} mapping, where a region that does not fit is reported. */
        private Fields regionsSection;
        /** (region, classifier) pairs already reported as not fitting, so a suite of many cases says it once. */
        private final Set<String> reportedMisfits = new HashSet<>();
        private final ModelReferences modelRefs;
        private final SampleSetReader sampleSets;
        private final ExpectationReader expectationReader;
        /** Every entry of {@code cases}, valid or not, in file order. */
        final List<WrittenCase> written = new ArrayList<>();

        Binder(Path file, String text, Problems problems) {
            this.file = file;
            Path parent = file.toAbsolutePath().getParent();
            this.dir = parent == null ? Path.of(".") : parent;
            this.lines = text.split("\r?\n", -1);
            this.problems = problems;
            this.modelRefs = new ModelReferences(models, dir);
            this.sampleSets = new SampleSetReader(dir, datasets);
            this.expectationReader = new ExpectationReader(problems, namedRegions);
        }

        AuditSuite suite(YamlNode root) {
            Fields f = Fields.of(root, "", problems, "an audit suite");
            if (f == null) {
                problems.throwIfAny();
            }
            f.allowOnly(SUITE_KEYS, "the suite");
            String name = f.has("suite") ? f.string("suite") : defaultName();
            String description = f.string("description");
            List<String> tags = tags(f, List.of());
            String device = device(f);
            Template defaults = layer(new Template(), f, false);
            LocatedQuestion question = f.has("question") ? question(f.mapping("question", "a question")) : null;
            Fields samples = f.mapping("samples", "named sample sets (name: {dataset: ..., count: ...})");
            if (samples != null) {
                for (String key : samples.keysInOrder()) {
                    Fields s = samples.mapping(key, "a sample set");
                    SampleSet set = s == null ? null : sampleSets.read(s, key);
                    if (set != null) namedSamples.put(key, set);
                    else brokenSamples.add(key);
                }
            }
            regionsSection = f.mapping("regions", "named regions (name: {x, y, width, height})");
            if (regionsSection != null) {
                for (String key : regionsSection.keysInOrder()) {
                    Region region = ExpectationReader.read(
                            regionsSection.mapping(key, "a region {x, y, width, height}"));
                    if (region != null) namedRegions.put(key, region);
                }
            }
            f.require("cases", "a list of cases");
            List<YamlNode> caseNodes = f.list("cases");
            List<AuditCase> cases = new ArrayList<>();
            if (caseNodes != null && caseNodes.isEmpty()) {
                f.problem("cases", "is empty; expected at least one case");
            }
            if (caseNodes != null) {
                Map<String, Position> names = new HashMap<>();
                for (int i = 0; i < caseNodes.size(); i++) {
                    int nextLine = i + 1 < caseNodes.size() ? caseNodes.get(i + 1).position().line() : lines.length + 1;
                    String casePath = "cases[" + i + "]";
                    AuditCase c = auditCase(caseNodes.get(i), casePath, defaults, question, tags, nextLine);
                    written.add(written(caseNodes.get(i), casePath, tags, c));
                    if (c == null) continue;
                    Position first = names.putIfAbsent(c.name(), c.position());
                    if (first != null) {
                        problems.add(c.position(), "cases[" + i + "].name", "case name '" + c.name() + "' is used twice"
                                + " (first at " + first + "); names identify the tests and must be unique in a file");
                    }
                    cases.add(c);
                }
            }
            return new AuditSuite(file, name, description, tags, device, namedRegions, cases);
        }

        private WrittenCase written(YamlNode node, String path, List<String> suiteTags, AuditCase bound) {
            if (bound != null) return new WrittenCase(path, bound.name(), bound.position(), bound.tags(), bound);
            Fields c = Fields.of(node, path, problems, "a case");
            if (c == null) return new WrittenCase(path, path, node.position(), suiteTags, null);
            String name = c.node("name") instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : path;
            return new WrittenCase(path, name, node.position(), tags(c, suiteTags), null);
        }

        private String defaultName() {
            String n = file.getFileName().toString();
            return n.replaceAll("\\.ya?ml$", "");
        }

        private List<String> tags(Fields f, List<String> inherited) {
            Set<String> out = new LinkedHashSet<>(inherited);
            List<String> written = f.strings("tags");
            if (written != null) {
                for (int i = 0; i < written.size(); i++) {
                    String tag = written.get(i).trim();
                    if (!TestTag.isValid(tag)) {
                        problems.add(f.at("tags"), f.path("tags"), "'" + written.get(i) + "' is not a valid JUnit tag;"
                                + " expected a name without spaces and without any of , ( ) & | !");
                    } else {
                        out.add(tag);
                    }
                }
            }
            return new ArrayList<>(out);
        }

        private String device(Fields f) {
            String d = f.string("device");
            if (d != null && !d.trim().toLowerCase(Locale.ROOT).matches("auto|cpu|gpu|gpu:\\d+")) {
                f.problem("device", "unknown device '" + d + "'; expected auto, cpu, gpu or gpu:N");
                return null;
            }
            // A GPU this host lacks is not a mistake in the file: the engine skips the cases, naming the device.
            return d == null ? null : d.trim();
        }

        /**
         * Applies the classifier / generator / method / solver / samples keys of a mapping to a copy of the template.
         */
        private Template layer(Template base, Fields f, boolean samplesAllowed) {
            Template t = base.copy();
            if (f.has("classifier")) {
                t.classifierWritten = true;
                t.classifier = modelRefs.read(f, "classifier", ModelCard.Kind.classifier);
            }
            if (f.has("generator")) {
                t.generatorWritten = true;
                t.generator = modelRefs.read(f, "generator", ModelCard.Kind.generator);
            }
            if (f.has("method")) {
                String m = f.string("method");
                try {
                    t.method = m == null ? null : Method.parse(m);
                    t.methodBroken = m == null;
                } catch (IllegalArgumentException e) {
                    f.problem("method", "unknown method '" + m + "'; "
                            + DidYouMean.suggest(m, List.of("cdeepex", "xgems")).map(s -> "did you mean '" + s + "'? ")
                                    .orElse("")
                            + "expected cdeepex or xgems");
                    t.methodBroken = true;
                }
            }
            if (f.has("solver")) {
                t.solver.add(SolverOverrides.read(f.mapping("solver", "solver settings")));
            }
            if (samplesAllowed && f.has("samples")) {
                t.samplesWritten = true;
                t.samples = sampleReference(f);
            }
            return t;
        }

        private SampleSet sampleReference(Fields f) {
            YamlNode n = f.node("samples");
            if (n instanceof YamlNode.Mapping) {
                Fields inline = f.mapping("samples", "a sample set");
                return inline == null ? null : sampleSets.read(inline, f.path("samples"));
            }
            String name = f.string("samples");
            if (name == null) return null;
            SampleSet set = namedSamples.get(name);
            if (set == null && !brokenSamples.contains(name)) {
                f.problem("samples", DidYouMean.unknownName("sample set", name, namedSamples.keySet(), "samples",
                        "an inline mapping {dataset: ..., count: ...}"));
            }
            return set;
        }

        private LocatedQuestion question(Fields q) {
            if (q == null) return null;
            q.allowOnly(QUESTION_KEYS, "a question");
            Map<String, Integer> written = new HashMap<>();
            int trueClass = classOrKeyword(q, "trueClass", QuestionSpec.PREDICTED,
                    Map.of("predicted", QuestionSpec.PREDICTED, "label", QuestionSpec.LABEL),
                    "a class index, 'predicted' or 'label'", written);
            int probe = classOrKeyword(q, "probeClass", QuestionSpec.SECOND, Map.of("second", QuestionSpec.SECOND),
                    "a class index or 'second'", written);
            if (trueClass >= 0 && trueClass == probe) {
                q.problem("probeClass", "equals trueClass (" + probe + "); expected another class to ask about");
            }
            return new LocatedQuestion(new QuestionSpec(trueClass, probe), q, written);
        }

        private int classOrKeyword(Fields q, String key, int absent, Map<String, Integer> keywords, String expected,
                                   Map<String, Integer> written) {
            YamlNode n = q.node(key);
            if (n == null) return absent;
            if (n instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_STRING
                    && keywords.containsKey(s.text())) {
                return keywords.get(s.text());
            }
            if (n instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
                Integer v = Fields.integer(n, q.path(key), problems, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (v != null) written.put(key, v);
                return v == null || v < 0 ? absent : v;
            }
            q.problem(key, "expected " + expected + ", got " + n.kind());
            return absent;
        }

        private AuditCase auditCase(YamlNode node, String path, Template defaults, LocatedQuestion suiteQuestion,
                                    List<String> suiteTags, int nextLine) {
            Fields c = Fields.of(node, path, problems, "a case");
            if (c == null) return null;
            c.allowOnly(CASE_KEYS, "a case");
            String name = c.requiredString("name", "the case's name, shown as the test name");
            String description = c.string("description");
            List<String> tags = tags(c, suiteTags);
            Template base = layer(defaults, c, true);
            LocatedQuestion question = c.has("question") ? question(c.mapping("question", "a question"))
                    : suiteQuestion;
            boolean scans = c.has("scan");
            LocatedScan scan = scans ? scan(c.mapping("scan", "scan settings {probes, images, checkImages, ...}"))
                    : null;

            List<ExpectationReader.Draft> drafts = new ArrayList<>();
            c.require("expect", "a list of expectations (metric with bounds)");
            List<YamlNode> expectNodes = c.list("expect");
            if (expectNodes != null && expectNodes.isEmpty()) {
                c.problem("expect", "is empty; expected at least one expectation");
            }
            boolean gate = c.has("baseline") || c.has("candidate");
            if (gate && !(c.has("baseline") && c.has("candidate"))) {
                c.problem(c.has("baseline") ? "baseline" : "candidate", "a regression gate needs both 'baseline' and"
                        + " 'candidate'; expected the other one too");
            }
            if (expectNodes != null) {
                for (int i = 0; i < expectNodes.size(); i++) {
                    ExpectationReader.Draft d = expectationReader.read(expectNodes.get(i),
                            c.path("expect") + "[" + i + "]", gate);
                    if (d != null) drafts.add(d);
                }
            }
            boolean explains = drafts.stream()
                    .anyMatch(d -> d.expectation().metric().source() == Metric.Source.EXPLANATIONS);
            checkScanCase(c, drafts, scans, gate);
            if (question != null && c.has("question") && !explains && !drafts.isEmpty() && !scans) {
                c.problem("question", "is not used: no expectation of this case needs explanations; expected it"
                        + " only with explanation metrics");
            }

            List<RunConfig> runs = new ArrayList<>();
            boolean complete = true;
            List<Template> sides = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            if (gate && c.has("baseline") && c.has("candidate")) {
                for (String role : List.of("baseline", "candidate")) {
                    Template side = side(c, role, base);
                    sides.add(side);
                    roles.add(role);
                }
            } else if (!gate) {
                sides.add(base);
                roles.add(null);
            }
            for (int i = 0; i < sides.size(); i++) {
                RunConfig run = run(c, roles.get(i), sides.get(i), explains || scans);
                if (run == null) complete = false;
                else runs.add(run);
            }
            List<Expectation> expectations = new ArrayList<>();
            for (ExpectationReader.Draft d : drafts) {
                Expectation e = complete ? expectationReader.resolve(d, runs) : d.expectation();
                if (e != null) expectations.add(e);
            }
            if (complete && question != null && explains) {
                for (RunConfig r : runs) checkQuestion(question, r);
            }
            if (complete && explains) {
                for (RunConfig r : runs) checkNamedRegionsFit(r.classifier());
            }
            if (complete && scan != null) {
                for (RunConfig r : runs) checkProbes(scan, r.classifier());
            }
            if (name == null || !complete || runs.isEmpty() || (scans && scan == null)) return null;
            String source = String.join("\n", Arrays.copyOfRange(lines, c.position().line() - 1,
                    Math.min(lines.length, Math.max(c.position().line(), nextLine - 1)))).stripTrailing();
            return new AuditCase(name, c.position(), description, tags,
                    explains ? (question == null ? QuestionSpec.DEFAULT : question.spec()) : null,
                    scan == null ? null : scan.settings(), runs, expectations, source);
        }

        /** A {@code scan:} mapping: the scan's defaults ({@link ScanSettings#defaults()}) with what is written. */
        private LocatedScan scan(Fields s) {
            if (s == null) return null;
            s.allowOnly(SCAN_KEYS, "scan settings");
            int before = problems.count();
            ScanSettings d = ScanSettings.defaults();
            List<Integer> probes = s.has("probes") ? s.integers("probes", 0, 9999) : List.of();
            if (probes != null && s.has("probes") && probes.isEmpty() && problems.count() == before) {
                s.problem("probes", "is empty; expected at least one class index (leave probes out to scan every"
                        + " class)");
            }
            if (probes != null && new HashSet<>(probes).size() < probes.size()) {
                s.problem("probes", "names a class twice " + probes + "; expected each probe class once");
            }
            Integer images = s.integer("images", 1, 100_000);
            Integer checkImages = s.integer("checkImages", 1, 100_000);
            Integer batch = s.integer("batch", 1, 100_000);
            Long seed = s.longInteger("seed");
            Double addThreshold = s.number("addThreshold", 0, 1);
            Double agreement = s.number("minInversionAgreement", 0, 1);
            if (problems.count() > before) return null;
            ScanSettings settings = new ScanSettings(probes, images == null ? d.imagesPerProbe() : images,
                    checkImages == null ? d.checkImages() : checkImages, batch == null ? d.batch() : batch,
                    seed == null ? d.seed() : seed, addThreshold == null ? d.addThreshold() : addThreshold,
                    d.minBox(), d.maxBoxFraction(),
                    d.minExcessShare(), d.minMassShare(), d.minLift(), d.candidatesPerProbe(), d.findingsPerProbe(),
                    agreement == null ? d.minInversionAgreement() : agreement);
            return new LocatedScan(settings, s);
        }

        /** Scan metrics need a scan, a scan measures no explanation metric, and asks no single question. */
        private void checkScanCase(Fields c, List<ExpectationReader.Draft> drafts, boolean scans, boolean gate) {
            List<String> scanMetrics = Arrays.stream(Metric.values()).filter(m -> m.source() == Metric.Source.SCAN)
                    .map(Metric::id).toList();
            for (ExpectationReader.Draft d : drafts) {
                Metric m = d.expectation().metric();
                if (m.source() == Metric.Source.SCAN && !scans) {
                    d.fields().problem("metric", m.id() + " measures a scan, but this case has none; expected a"
                            + " 'scan:' block in the case (e.g. scan: {probes: [8]}) or a metric of explanations or"
                            + " of the classifier");
                } else if (m.source() == Metric.Source.EXPLANATIONS && scans) {
                    d.fields().problem("metric", m.id() + " measures explanations of one question, but this is a"
                            + " scan case; expected " + String.join(" or ", scanMetrics) + ", a classifier metric,"
                            + " or a separate case for the question");
                }
            }
            if (scans && c.has("question")) {
                c.problem("question", "a scan case asks 'why not k?' for each of its probe classes; expected no"
                        + " question (choose the classes with scan.probes)");
            }
            if (scans && gate) {
                c.problem("scan", "a scan case cannot be a regression gate; expected no 'baseline' and 'candidate'"
                        + " (write one scan case per classifier)");
            }
        }

        /** Each probe class must be one of the classifier's. */
        private void checkProbes(LocatedScan scan, ModelRef cl) {
            List<YamlNode> items = scan.fields().has("probes") ? scan.fields().list("probes") : List.of();
            for (int i = 0; i < items.size(); i++) {
                int k = scan.settings().probes().get(i);
                if (k >= cl.classes()) {
                    problems.add(items.get(i).position(), scan.fields().path("probes") + "[" + i + "]", "class " + k
                            + " is outside " + cl.name() + "'s classes; expected 0.." + (cl.classes() - 1) + " ("
                            + cl.classes() + " classNames in " + cl.cardFile() + ")");
                }
            }
        }

        /** The suite's named regions are measured in every case that explains, so each must fit its classifier. */
        private void checkNamedRegionsFit(ModelRef cl) {
            namedRegions.forEach((name, region) -> {
                if (!region.fitsIn(cl.width(), cl.height()) && reportedMisfits.add(name + "@" + cl.dir())) {
                    regionsSection.problem(name, "region " + region + " lies outside " + cl.name() + "'s "
                            + cl.height() + "x" + cl.width() + " input (inputShape in " + cl.cardFile()
                            + "); expected x + width <= " + cl.width() + " and y + height <= " + cl.height()
                            + " (named regions are measured in every case that explains, in classifier-input"
                            + " pixels)");
                }
            });
        }

        private Template side(Fields c, String role, Template base) {
            YamlNode n = c.node(role);
            if (n instanceof YamlNode.Scalar) {
                Template t = base.copy();
                t.classifierWritten = true;
                t.classifier = modelRefs.read(c, role, ModelCard.Kind.classifier);
                return t;
            }
            Fields s = c.mapping(role, "a " + role + ": a classifier name, or a mapping of classifier, generator,"
                    + " method, solver, samples");
            if (s == null) {
                Template t = base.copy();
                t.classifierWritten = true;
                t.classifier = null;
                return t;
            }
            s.allowOnly(SIDE_KEYS, "a " + role);
            return layer(base, s, true);
        }

        /** Completes one run: classifier, generator (explicit or the card's), settings and samples, with checks. */
        private RunConfig run(Fields c, String role, Template t, boolean explains) {
            String where = role == null ? "" : " of the " + role;
            boolean ok = true;
            if (t.classifier == null) {
                if (!t.classifierWritten) {
                    c.problem(null, "no classifier" + where + "; expected 'classifier' (a model name or path) in the"
                            + " case or at the suite level");
                }
                ok = false;
            }
            if (t.samples == null && !t.samplesWritten && namedSamples.size() == 1) {
                t.samples = namedSamples.values().iterator().next(); // the suite's only set is every case's default
            }
            if (t.samples == null) {
                boolean onlySetBroken = namedSamples.isEmpty() && brokenSamples.size() == 1;
                // written but broken, or the suite's only set broken: reported where it was written
                if (!t.samplesWritten && !onlySetBroken) {
                    c.problem(null, "no sample set" + where + "; expected 'samples': "
                            + (namedSamples.isEmpty() ? "an inline mapping {dataset: ..., count: ...}"
                            : "one of " + String.join(", ", namedSamples.keySet()) + " or an inline mapping"));
                }
                ok = false;
            }
            if (t.methodBroken) ok = false;
            ModelRef generator = t.generator;
            if (explains && ok && generator == null && !t.generatorWritten) {
                generator = modelRefs.generatorOf(c, t.classifier, where);
            }
            if (explains && generator == null) ok = false;
            if (!ok) return null;
            if (generator != null && generator.channels() != t.classifier.channels()) {
                problems.add(generator.position(), c.path("generator"), "generator " + generator.name() + " draws "
                        + generator.channels() + "-channel images but classifier " + t.classifier.name() + " expects "
                        + t.classifier.channels() + " channels; expected a generator of the classifier's training"
                        + " data");
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, SolverOverrides.Value>[] layers = t.solver.toArray(new Map[0]);
            SolverSettings settings = SolverOverrides.build(t.method, problems, c.position(), c.path("solver"), layers);
            if (settings == null) return null;
            RunConfig run = new RunConfig(role, t.classifier, explains ? generator : null, settings, t.samples);
            return checkSamples(c, run) ? run : null;
        }

        private boolean checkSamples(Fields c, RunConfig run) {
            SampleSet s = run.samples();
            ModelRef cl = run.classifier();
            int before = problems.count();
            String names = ClassNames.mismatch(s.images(), cl.name(), cl.card().classNames);
            if (names != null) {
                problems.add(s.position(), "samples." + s.name(), names + " (classNames in " + cl.cardFile() + "). If"
                        + " the data is relabelled on purpose, so that its labels are " + cl.name() + "'s classes, add"
                        + " ignoreClassNames: true to the sample set");
            }
            int datasetClasses = s.images().classNames().size();
            if (datasetClasses > cl.classes()) {
                problems.add(s.position(), "samples." + s.name(), s.dataset() + " has " + datasetClasses
                        + " classes but " + cl.name() + " knows " + cl.classes() + " (classNames in " + cl.cardFile()
                        + "); expected a dataset of the classifier's classes");
            }
            String channels = s.images().channelMismatch(cl.channels(), cl.name());
            if (channels != null) {
                problems.add(s.position(), "samples." + s.name(), channels + " (inputShape in " + cl.cardFile() + ")");
            }
            if (s.plant() != null) {
                ExpectationReader.checkPlant(problems, s.plant(), cl, s.position(), "samples." + s.name() + ".plant",
                        false);
            }
            return problems.count() == before;
        }

        private void checkQuestion(LocatedQuestion q, RunConfig run) {
            ModelRef cl = run.classifier();
            int classes = cl.classes();
            String range = "0.." + (classes - 1) + " (" + classes + " classNames in " + cl.cardFile() + ")";
            Map<String, String> keywords = Map.of("probeClass", " or 'second'",
                    "trueClass", ", 'predicted' or 'label'");
            for (String key : List.of("probeClass", "trueClass")) {
                Integer v = q.written().get(key);
                if (v != null && (v < 0 || v >= classes)) {
                    q.fields().problem(key, "class " + v + " is outside " + cl.name() + "'s classes; expected " + range
                            + keywords.get(key));
                }
            }
            if (q.spec().trueClass() == QuestionSpec.LABEL
                    && Arrays.stream(run.samples().images().labels()).anyMatch(l -> l < 0 || l >= classes)) {
                q.fields().problem("trueClass", "'label' needs labelled images, but sample set " + run.samples().name()
                        + " has images without a label of " + cl.name() + "'s classes; expected 'predicted' or a"
                        + " class");
            }
        }

    }
}
