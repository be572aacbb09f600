package io.cdeepex.audit;

import io.cdeepex.explain.Explanation;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The explanation metrics of {@link Metric}, computed from {@link Explanation}'s own measures. */
final class ExplanationMetrics {
    private ExplanationMetrics() {}

    /** The metric's value over the explanations (NaN for an empty list). */
    static double value(Expectation x, List<Explanation> explanations) {
        return switch (x.metric()) {
            case SATISFACTION_RATE -> rate(explanations, Explanation::satisfied);
            case TRUE_AND_PROBE_ON_TOP_RATE -> rate(explanations, Explanation::trueAndProbeOnTop);
            case THIRD_CLASS_WINS_RATE -> rate(explanations, Explanation::thirdClassWins);
            case RED_MASS_FRACTION -> mean(explanations, e -> e.redMassFraction(x.region()));
            case BLUE_MASS_FRACTION -> mean(explanations, e -> e.blueMassFraction(x.region()));
            case RED_MAXIMUM_IN_REGION_RATE -> rate(explanations, e -> e.maximumInside(x.region(), +1));
            case BLUE_MAXIMUM_IN_REGION_RATE -> rate(explanations, e -> e.maximumInside(x.region(), -1));
            case ARTEFACT_ADDED_RATE -> rate(explanations, e -> e.addsArtefact(x.plant()));
            case PROBABILITY_MOVED_RATE -> rate(explanations,
                    e -> e.trueProbabilityDrop() > x.minShift() && e.probeProbabilityGain() > x.minShift());
            case ACCURACY, RECALL, PLANTED_RATE -> throw new IllegalArgumentException(x.metric().id()
                    + " is a classifier metric, not an explanation metric");
        };
    }

    /** How many explanations the rate counts, for "3 of 16" in messages; -1 for means. */
    static int count(Expectation x, List<Explanation> explanations) {
        return switch (x.metric()) {
            case SATISFACTION_RATE -> (int) explanations.stream().filter(Explanation::satisfied).count();
            case TRUE_AND_PROBE_ON_TOP_RATE -> (int) explanations.stream().filter(Explanation::trueAndProbeOnTop).count();
            case THIRD_CLASS_WINS_RATE -> (int) explanations.stream().filter(Explanation::thirdClassWins).count();
            case RED_MAXIMUM_IN_REGION_RATE -> (int) explanations.stream().filter(e -> e.maximumInside(x.region(), +1)).count();
            case BLUE_MAXIMUM_IN_REGION_RATE -> (int) explanations.stream().filter(e -> e.maximumInside(x.region(), -1)).count();
            case ARTEFACT_ADDED_RATE -> (int) explanations.stream()
                    .filter(e -> e.addsArtefact(x.plant())).count();
            case PROBABILITY_MOVED_RATE -> (int) explanations.stream()
                    .filter(e -> e.trueProbabilityDrop() > x.minShift() && e.probeProbabilityGain() > x.minShift()).count();
            default -> -1;
        };
    }

    private static double rate(List<Explanation> list, Predicate<Explanation> p) {
        return list.isEmpty() ? Double.NaN : (double) list.stream().filter(p).count() / list.size();
    }

    private static double mean(List<Explanation> list, ToDoubleFunction<Explanation> f) {
        return list.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
