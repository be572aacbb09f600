package io.cdeepex.evaluate;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.AnswerSelection;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ScanListener;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.explain.scan.Scanner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One classifier of the planted-bias benchmark: for a classifier whose card names its planted artefact, how much of
 * each method's answer to "why not k?" (k = the artefact's class) lies in the artefact's box, and whether a scan
 * that is told nothing finds the box and confirms it by the paste check. For a clean control (no plant) only the
 * scan runs: its findings are false alarms.
 */
public final class BiasBenchmark {
    /** The flip rate from which a finding counts as a shortcut (the scan assertions' default). */
    public static final double SHORTCUT_FLIP = 0.2;

    /** A share of an answer's red mass inside the artefact's box from which the answer "shows" it. */
    public static final double SHOWS_ARTEFACT = 0.5;

    /** The row of CDeepEx searching also from the scan's own finding for the probe (no artefact named). */
    public static final String WITH_SCAN_FINDING = "cdeepex+scan";
    /** The same with {@code answerSelection: sparsest}: of its feasible answers, the one whose image changes least. */
    public static final String WITH_SCAN_FINDING_SPARSEST = "cdeepex+scan+sparsest";
    /** The rows besides the methods', in the order they are measured. */
    public static final List<String> SCAN_ROWS = List.of(WITH_SCAN_FINDING, WITH_SCAN_FINDING_SPARSEST);

    /**
     * One method's answers on one biased classifier.
     *
     * @param label     the method's id, or {@link #WITH_SCAN_FINDING}
     * @param redShares per answer, the share of its red (added) mass inside the artefact's box
     */
    public record MethodResult(String label, Method method, int answers, int satisfied, double[] redShares) {
        public double meanRedShare() {
            double sum = 0;
            for (double v : redShares) sum += v;
            return redShares.length == 0 ? Double.NaN : sum / redShares.length;
        }

        /** The share of answers with more than half of their red inside the box. */
        public double showingShare() {
            int n = 0;
            for (double v : redShares) if (v > SHOWS_ARTEFACT) n++;
            return redShares.length == 0 ? Double.NaN : n / (double) redShares.length;
        }
    }

    /**
     * @param plant           null for the clean control
     * @param methods         empty for the control
     * @param topOverlaps     whether the scan's top finding overlaps the artefact's box (false for the control)
     * @param overlappingRank 1-based rank of the best finding that overlaps the box, 0 when none does
     */
    public record Result(String classifier, String generator, PlantSpec plant, List<MethodResult> methods,
                         ScanResult scan, boolean topOverlaps, int overlappingRank) {
        public Finding top() { return scan.top(); }

        /** Findings at or above {@link #SHORTCUT_FLIP}: on the control, false alarms. */
        public long shortcuts() {
            return scan.findings().stream().filter(f -> f.check().flipRate() >= SHORTCUT_FLIP).count();
        }

        public double maxFlipRate() {
            return scan.findings().stream().mapToDouble(f -> f.check().flipRate()).max().orElse(0);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("classifier", classifier);
            m.put("generator", generator);
            m.put("plant", plant == null ? null : plant.toString());
            List<Map<String, Object>> ms = new ArrayList<>();
            for (MethodResult r : methods) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", r.label());
                row.put("answers", r.answers());
                row.put("satisfied", r.satisfied());
                row.put("meanRedShare", r.meanRedShare());
                row.put("showingShare", r.showingShare());
                row.put("redShares", r.redShares());
                ms.add(row);
            }
            m.put("methods", ms);
            Finding t = top();
            m.put("topFinding", t == null ? null : Map.of("probe", t.probeClass(), "sign", t.sign().name(),
                    "box", t.box().toString(), "flipRate", t.check().flipRate(), "score", t.score()));
            m.put("topOverlaps", topOverlaps);
            m.put("overlappingRank", overlappingRank);
            m.put("findings", scan.findings().size());
            m.put("shortcuts", shortcuts());
            m.put("maxFlipRate", maxFlipRate());
            m.put("scanMillis", scan.millis());
            return m;
        }
    }

    private final Explainer explainer;
    private final ImageSet samples;
    private final Consumer<String> progress;

    /**
     * @param explainer its classifier, generator and solver settings; the method is set per run
     * @param samples   the images explained and scanned (labelled, the classifier's classes)
     * @param progress  one line per finished step
     */
    public BiasBenchmark(Explainer explainer, ImageSet samples, Consumer<String> progress) {
        this.explainer = explainer;
        this.samples = samples;
        this.progress = progress;
    }

    /**
     * Runs the benchmark for one classifier.
     *
     * @param plant   the artefact in the classifier's training data, or null for a clean control
     * @param methods the methods whose answers are measured (ignored for the control)
     * @param images  questions per method: images of other classes that the classifier does not call k
     * @throws IllegalArgumentException when the sample set has no image to ask about
     */
    public Result run(PlantSpec plant, List<Method> methods, int images, ScanSettings scan, ScanListener listener) {
        if (plant != null && plant.targetClass().isEmpty()) {
            throw new IllegalArgumentException("plant " + plant + " names no class; the benchmark asks "
                    + "\"why not k?\" for the planted class k and needs class=K");
        }
        // Before the long scan, so that a sample set with nothing to ask fails at once.
        List<Question> questions = plant == null ? List.of() : questions(plant.targetClass().getAsInt(), images);
        ScanResult s = new Scanner(explainer).run(samples, scan, listener);
        Finding top = s.top();
        progress.accept(explainer.classifier().name() + " scan: " + s.findings().size() + " findings; top "
                + (top == null ? "none" : String.format(Locale.ROOT, "probe %d %s %s, flip %.3f", top.probeClass(),
                top.sign().name().toLowerCase(Locale.ROOT), top.box(), top.check().flipRate())));
        List<MethodResult> results = new ArrayList<>();
        if (plant != null) {
            int probe = plant.targetClass().getAsInt();
            for (Method method : methods) {
                results.add(measure(method.id(), explainer.with(explainer.settings().withMethod(method)), questions,
                        plant));
            }
            Finding found = s.findingsFor(probe).stream().filter(f -> f.check().flipRate() >= SHORTCUT_FLIP)
                    .findFirst().orElse(null);
            if (found == null) {
                progress.accept(explainer.classifier().name() + " " + SCAN_ROWS + ": the scan confirmed no"
                        + " finding for probe " + probe + " (flip rate >= " + SHORTCUT_FLIP + "); rows left out");
            } else {
                SolverSettings d = explainer.settings();
                SolverSettings fromFinding = d.toBuilder().method(Method.CDEEPEX)
                        .searchStarts(Math.max(2, d.starts().count())).artefactPathStarts(true).build();
                Explainer fromScan = explainer.with(fromFinding).withArtefact(s.artefactOf(found));
                results.add(measure(WITH_SCAN_FINDING, fromScan, questions, plant));
                results.add(measure(WITH_SCAN_FINDING_SPARSEST, fromScan.with(fromFinding.toBuilder()
                        .answerSelection(AnswerSelection.SPARSEST).build()), questions, plant));
            }
        }
        boolean overlaps = false;
        int rank = 0;
        if (plant != null && s.top() != null) {
            Region box = Region.covering(plant);
            overlaps = s.top().box().overlaps(box);
            for (int i = 0; i < s.findings().size() && rank == 0; i++) {
                if (s.findings().get(i).box().overlaps(box)) rank = i + 1;
            }
        }
        return new Result(explainer.classifier().name(), explainer.generator().name(), plant, results, s, overlaps,
                rank);
    }

    private MethodResult measure(String label, Explainer e, List<Question> questions, PlantSpec plant) {
        Region box = Region.covering(plant);
        List<Explanation> answers = e.explain(questions);
        double[] shares = answers.stream().mapToDouble(a -> a.redMassFraction(box)).toArray();
        int satisfied = (int) answers.stream().filter(Explanation::satisfied).count();
        MethodResult r = new MethodResult(label, e.settings().method(), answers.size(), satisfied, shares);
        progress.accept(String.format(Locale.ROOT, "%s %s: mean red share in %s %.3f, %d/%d answers over half,"
                        + " %d satisfied", explainer.classifier().name(), label, box, r.meanRedShare(),
                Math.round(r.showingShare() * answers.size()), answers.size(), satisfied));
        return r;
    }

    /**
     * Up to {@code count} images whose label is not the probe and which the classifier does not call the probe,
     * taken in turn from each true class so that every class is asked about.
     */
    List<Question> questions(int probe, int count) {
        int[] predicted = ClassifierEvaluation.predict(explainer.classifier(), samples, explainer.device());
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.label(i) != probe && predicted[i] != probe) {
                byClass.computeIfAbsent(samples.label(i), k -> new ArrayList<>()).add(i);
            }
        }
        List<Question> out = new ArrayList<>();
        for (int round = 0; out.size() < count; round++) {
            boolean any = false;
            for (List<Integer> ids : byClass.values()) {
                if (round < ids.size() && out.size() < count) {
                    int i = ids.get(round);
                    out.add(Question.of(samples, i, samples.label(i), probe));
                    any = true;
                }
            }
            if (!any) break;
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(samples.name() + " has no image of another class than " + probe
                    + " that " + explainer.classifier().name() + " does not call " + probe + "; nothing to ask");
        }
        return out;
    }
}
