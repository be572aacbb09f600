package io.cdeepex.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a suite's expectation measures. Explanation metrics are shares or means over the case's explanations;
 * classifier metrics are measured on the case's sample images without explaining anything. Every value is in 0..1.
 */
public enum Metric {
    SATISFACTION_RATE("satisfactionRate", Source.EXPLANATIONS, true, Parameter.NONE,
            "share of explanations whose constraints all hold"),
    TRUE_AND_PROBE_ON_TOP_RATE("trueAndProbeOnTopRate", Source.EXPLANATIONS, true, Parameter.NONE,
            "share of explanations where true and probe are the two most likely classes at the solution"),
    THIRD_CLASS_WINS_RATE("thirdClassWinsRate", Source.EXPLANATIONS, false, Parameter.NONE,
            "share of explanations where a third class ends up more likely than both true and probe"),
    RED_MASS_FRACTION("redMassFraction", Source.EXPLANATIONS, false, Parameter.REGION,
            "mean share of the red (must be added) mass that lies inside the region"),
    BLUE_MASS_FRACTION("blueMassFraction", Source.EXPLANATIONS, false, Parameter.REGION,
            "mean share of the blue (must be removed) mass that lies inside the region"),
    RED_MAXIMUM_IN_REGION_RATE("redMaximumInRegionRate", Source.EXPLANATIONS, false, Parameter.REGION,
            "share of explanations whose strongest red pixel lies inside the region"),
    BLUE_MAXIMUM_IN_REGION_RATE("blueMaximumInRegionRate", Source.EXPLANATIONS, false, Parameter.REGION,
            "share of explanations whose strongest blue pixel lies inside the region"),
    ARTEFACT_ADDED_RATE("artefactAddedRate", Source.EXPLANATIONS, false, Parameter.PLANT,
            "share of explanations that add at least half the planted artefact: their mean difference over its pixels"
                    + " is at least half its value"),
    PROBABILITY_MOVED_RATE("probabilityMovedRate", Source.EXPLANATIONS, true, Parameter.MIN_SHIFT,
            "share of explanations where p(true) fell and p(probe) rose, each by more than minShift"),
    ACCURACY("accuracy", Source.CLASSIFIER, true, Parameter.NONE,
            "share of the sample images the classifier labels correctly"),
    RECALL("recall", Source.CLASSIFIER, true, Parameter.CLASS,
            "share of the sample images of the class that the classifier labels as that class"),
    PLANTED_RATE("plantedRate", Source.CLASSIFIER, false, Parameter.PLANT,
            "share of the other classes' sample images that the planted artefact turns into its class");

    /** Whether a metric needs explanations or only the classifier's predictions. */
    public enum Source { EXPLANATIONS, CLASSIFIER }

    /** The one extra key a metric takes in a suite (besides the bounds). */
    public enum Parameter {
        NONE(null), REGION("region"), CLASS("class"), PLANT("plant"), MIN_SHIFT("minShift");

        private final String key;

        Parameter(String key) { this.key = key; }

        /** The YAML key, or null for none. */
        public String key() { return key; }
    }

    private final String id;
    private final Source source;
    private final boolean higherIsBetter;
    private final Parameter parameter;
    private final String meaning;

    Metric(String id, Source source, boolean higherIsBetter, Parameter parameter, String meaning) {
        this.id = id;
        this.source = source;
        this.higherIsBetter = higherIsBetter;
        this.parameter = parameter;
        this.meaning = meaning;
    }

    /** The name used in suites. */
    public String id() { return id; }

    public Source source() { return source; }

    /** The default direction of a regression gate (a suite can override it with {@code better}). */
    public boolean higherIsBetter() { return higherIsBetter; }

    public Parameter parameter() { return parameter; }

    /** One line saying what the number is. */
    public String meaning() { return meaning; }

    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    public static java.util.List<String> ids() {
        return Arrays.stream(values()).map(Metric::id).toList();
    }
}
