package io.cdeepex.metrics;

import io.cdeepex.explain.Explanation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

import static io.cdeepex.metrics.Describe.num;

/**
 * What an audit measures, each metric once: its name, its direction, its one parameter, and how it reads one
 * explanation (a yes/no for a rate, a number for a mean) and describes an offender. Explanation metrics are shares
 * or means over explanations; classifier metrics are read from a {@link io.cdeepex.evaluate.ClassifierEvaluation}
 * (see {@link Measure#over(io.cdeepex.evaluate.ClassifierEvaluation)}), scan metrics from a
 * {@link io.cdeepex.explain.scan.ScanResult} (see {@link Measure#over(io.cdeepex.explain.scan.ScanResult)}). Every
 * value is in 0..1.
 */
public enum Metric {
    SATISFACTION_RATE("satisfactionRate", true, Parameter.NONE,
            "share of explanations whose constraints all hold",
            rate(m -> "satisfy all constraints", "Satisfied", "Not satisfied", (e, m) -> e.satisfied(),
                    (e, m) -> e.stop() + ", " + violated(e) + " constraint(s) violated; " + Describe.probabilities(e))),
    TRUE_AND_PROBE_ON_TOP_RATE("trueAndProbeOnTopRate", true, Parameter.NONE,
            "share of explanations where true and probe are the two most likely classes at the solution",
            rate(m -> "have true and probe on top", "True and probe on top", "True and probe not on top",
                    (e, m) -> e.trueAndProbeOnTop(), (e, m) -> Describe.probabilities(e))),
    THIRD_CLASS_WINS_RATE("thirdClassWinsRate", false, Parameter.NONE,
            "share of explanations where a third class ends up more likely than both true and probe",
            rate(m -> "have a third class winning", "Third class winning", "No third class winning",
                    (e, m) -> e.thirdClassWins(), (e, m) -> Describe.probabilities(e))),
    RED_MASS_FRACTION("redMassFraction", false, Parameter.REGION,
            "mean share of the red (must be added) mass that lies inside the region",
            mean(m -> "red (added) mass fraction inside region " + m.region(),
                    (e, m) -> e.redMassFraction(m.region()))),
    BLUE_MASS_FRACTION("blueMassFraction", false, Parameter.REGION,
            "mean share of the blue (must be removed) mass that lies inside the region",
            mean(m -> "blue (removed) mass fraction inside region " + m.region(),
                    (e, m) -> e.blueMassFraction(m.region()))),
    RED_MAXIMUM_IN_REGION_RATE("redMaximumInRegionRate", false, Parameter.REGION,
            "share of explanations whose strongest red pixel lies inside the region",
            rate(m -> "have their largest red value inside region " + m.region(), "Largest red value inside",
                    "Largest red value outside", (e, m) -> e.maximumInside(m.region(), +1),
                    (e, m) -> where(e, +1))),
    BLUE_MAXIMUM_IN_REGION_RATE("blueMaximumInRegionRate", false, Parameter.REGION,
            "share of explanations whose strongest blue pixel lies inside the region",
            rate(m -> "have their largest blue value inside region " + m.region(), "Largest blue value inside",
                    "Largest blue value outside", (e, m) -> e.maximumInside(m.region(), -1),
                    (e, m) -> where(e, -1))),
    ARTEFACT_ADDED_RATE("artefactAddedRate", false, Parameter.PLANT,
            "share of explanations that add at least half the planted artefact: their mean difference over its pixels"
                    + " is at least half its value",
            rate(m -> "add at least half of the artefact " + m.plant(), "Artefact added", "Artefact not added",
                    (e, m) -> e.addsArtefact(m.plant()),
                    (e, m) -> "mean difference over its pixels " + num(e.meanDifferenceInside(m.square()))
                            + ", needed " + num(e.channels() * m.plant().value() / 2.0))),
    PROBABILITY_MOVED_RATE("probabilityMovedRate", true, Parameter.MIN_SHIFT,
            "share of explanations where p(true) fell and p(probe) rose, each by more than minShift",
            rate(m -> "move probability from true to probe" + (m.minShift() > 0 ? " by more than "
                            + num(m.minShift()) + " each" : ""), "Probability moved", "Probability not moved",
                    (e, m) -> e.trueProbabilityDrop() > m.minShift() && e.probeProbabilityGain() > m.minShift(),
                    (e, m) -> "p(true) dropped by " + num(e.trueProbabilityDrop()) + ", p(probe) rose by "
                            + num(e.probeProbabilityGain()))),
    ACCURACY("accuracy", true, Parameter.NONE,
            "share of the sample images the classifier labels correctly",
            classifier("Labelled correctly", "Misclassified")),
    RECALL("recall", true, Parameter.CLASS,
            "share of the sample images of the class that the classifier labels as that class",
            classifier("Recognised", "Not recognised")),
    PLANTED_RATE("plantedRate", false, Parameter.PLANT,
            "share of the other classes' sample images that the planted artefact turns into its class",
            classifier("Turned", "Not turned")),
    SCAN_FINDS_SHORTCUT_IN("scanFindsShortcutIn", true, Parameter.REGION,
            "flip rate of the scan's best-ranked finding whose box overlaps the region (0 when none overlaps)",
            scan()),
    SCAN_MAX_FLIP_RATE("scanMaxFlipRate", false, Parameter.NONE,
            "largest flip rate of any finding of the scan (0 when it has none)",
            scan());

    /** Whether a metric needs explanations, only the classifier's predictions, or a scan of the classifier. */
    public enum Source { EXPLANATIONS, CLASSIFIER, SCAN }

    /** The one extra argument a metric takes (besides the bounds), by the name suites give it. */
    public enum Parameter {
        NONE(null), REGION("region"), CLASS("class"), PLANT("plant"), MIN_SHIFT("minShift");

        private final String key;

        Parameter(String key) { this.key = key; }

        /** The name of the argument (the YAML key), or null for none. */
        public String key() { return key; }
    }

    /**
     * How a metric reads its items: a rate counts the items that are a yes ({@code yes} / {@code no} title the
     * offenders on either side), a mean averages a number per item. For explanation metrics {@code phrase},
     * {@code value} and {@code detail} say what is measured, the value of one explanation and its offender line.
     */
    record Definition(Source source, boolean rate, String yes, String no, Function<Measure, String> phrase,
                      ToDoubleBiFunction<Explanation, Measure> value,
                      BiFunction<Explanation, Measure, String> detail) {}

    private final String id;
    private final boolean higherIsBetter;
    private final Parameter parameter;
    private final String meaning;
    private final Definition definition;

    Metric(String id, boolean higherIsBetter, Parameter parameter, String meaning, Definition definition) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
        this.parameter = parameter;
        this.meaning = meaning;
        this.definition = definition;
    }

    /** The name used in suites. */
    public String id() { return id; }

    public Source source() { return definition.source(); }

    /** Whether the metric is a share of items that are a yes (else a mean of a number per item). */
    public boolean isRate() { return definition.rate(); }

    /** The default direction of a regression gate (a suite can override it with {@code better}). */
    public boolean higherIsBetter() { return higherIsBetter; }

    public Parameter parameter() { return parameter; }

    /** One line saying what the number is. */
    public String meaning() { return meaning; }

    Definition definition() { return definition; }

    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Metric::id).toList();
    }

    private static Definition rate(Function<Measure, String> phrase, String yes, String no,
                                   BiPredicate<Explanation, Measure> holds,
                                   BiFunction<Explanation, Measure, String> detail) {
        return new Definition(Source.EXPLANATIONS, true, yes, no, phrase,
                (e, m) -> holds.test(e, m) ? 1 : 0, detail);
    }

    private static Definition mean(Function<Measure, String> phrase, ToDoubleBiFunction<Explanation, Measure> value) {
        return new Definition(Source.EXPLANATIONS, false, null, null, phrase, value,
                (e, m) -> num(value.applyAsDouble(e, m)));
    }

    private static Definition classifier(String yes, String no) {
        return new Definition(Source.CLASSIFIER, true, yes, no, null, null, null);
    }

    private static Definition scan() {
        return new Definition(Source.SCAN, false, null, null, null, null, null);
    }

    private static long violated(Explanation e) {
        return e.constraints().stream().filter(c -> !c.holds()).count();
    }

    /** Where the largest red (+1) or blue (-1) value lies. */
    private static String where(Explanation e, int sign) {
        int[] at = Describe.argMax(e, sign);
        return at == null ? "no " + (sign > 0 ? "red" : "blue") + " at all" : "at column " + at[0] + ", row " + at[1];
    }
}
