package io.cdeepex.audit.suite;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Region;
import io.cdeepex.metrics.Measure;
import io.cdeepex.metrics.Metric;

/**
 * One check of a case: a metric with its parameter and bounds. In a regression gate the candidate is compared
 * with the baseline: it may be worse by at most {@code tolerance}, or must be better by at least
 * {@code minImprovement}; {@code atLeast} / {@code atMost} then bound the candidate.
 *
 * @param field          the suite path, e.g. {@code cases[2].expect[0]}
 * @param region         for region metrics, in classifier-input pixels
 * @param classIndex     for {@code recall}
 * @param plant          for {@code plantedRate} (from the suite or the classifier's card)
 * @param minShift       for {@code probabilityMovedRate}
 * @param tolerance      gate only: how much worse the candidate may be (null outside gates)
 * @param minImprovement gate only: how much better the candidate must be (null when not asked)
 * @param higherIsBetter gate direction
 */
public record Expectation(Metric metric, Position position, String field, Region region, Integer classIndex,
                          PlantSpec plant, double minShift, Double atLeast, Double atMost, Double tolerance,
                          Double minImprovement, boolean higherIsBetter) {

    /** The metric with its argument, as the metric core measures it. */
    public Measure measure() {
        return new Measure(metric, region, classIndex, plant, minShift);
    }

    /** The metric with its parameter: "redMassFraction in [x=0, y=0, 8x8]", "recall of class 8". */
    public String describe() {
        return measure().describe();
    }
}
