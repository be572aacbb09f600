package io.cdeepex.assertions;

import io.cdeepex.explain.Constraint;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import io.cdeepex.metrics.Comparison;
import io.cdeepex.metrics.Describe;
import io.cdeepex.metrics.Measure;
import io.cdeepex.metrics.Metric;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

import static io.cdeepex.metrics.Describe.name;
import static io.cdeepex.metrics.Describe.num;

/**
 * Assertions on one contrastive explanation, each the per-explanation reading of a metric of the core
 * ({@link Metric}), so that one explanation and a batch are judged alike. Each failure message names the image,
 * says what was expected, what was measured and the threshold. Regions are in classifier-input pixels; red = what
 * must be added to become the probe, blue = what must be removed.
 */
public class ExplanationAssert extends AbstractAssert<ExplanationAssert, Explanation> {

    public ExplanationAssert(Explanation actual) {
        super(actual, ExplanationAssert.class);
    }

    /** Every constraint of Equation 2 holds at the solution (for xGEMs: the equality). */
    public ExplanationAssert satisfiesAllConstraints() {
        if (!counts(Measure.of(Metric.SATISFACTION_RATE))) {
            List<Constraint> violated = actual.constraints().stream().filter(c -> !c.holds()).toList();
            failWithMessage("%s", "Expecting explanation " + name(actual) + " to satisfy all constraints, but "
                    + violated.size() + " of " + actual.constraints().size() + " do not hold (solver stop: "
                    + actual.stop() + "; " + Describe.probabilities(actual) + "):"
                    + Describe.list(violated, c -> c.name() + ": value " + num(c.value())));
        }
        return myself;
    }

    /** True and probe are the two most likely classes at the solution. */
    public ExplanationAssert hasTrueAndProbeOnTop() {
        if (!counts(Measure.of(Metric.TRUE_AND_PROBE_ON_TOP_RATE))) {
            failWithMessage("%s", "Expecting classes " + actual.trueClass() + " and " + actual.probeClass()
                    + " to be the two most likely at the solution of " + name(actual) + ", but class "
                    + strongestOther() + " has " + num(actual.strongestOtherAfter()) + " ("
                    + Describe.probabilities(actual) + ")");
        }
        return myself;
    }

    /** No class other than true and probe ends up more likely than both (the paper's Fig. 5 failure). */
    public ExplanationAssert hasNoThirdClassWinning() {
        if (counts(Measure.of(Metric.THIRD_CLASS_WINS_RATE))) {
            failWithMessage("%s", "Expecting no third class to beat both " + actual.trueClass() + " and "
                    + actual.probeClass() + " at the solution of " + name(actual) + ", but class " + strongestOther()
                    + " wins with " + num(actual.strongestOtherAfter()) + " (" + Describe.probabilities(actual) + ")");
        }
        return myself;
    }

    /** At least {@code min} of the red (added) mass of the difference map lies inside the region. */
    public ExplanationAssert hasRedMassFractionInside(Region region, double min) {
        return hasMassFractionInside(Measure.inRegion(Metric.RED_MASS_FRACTION, region), min, "red (added)");
    }

    /** At least {@code min} of the blue (removed) mass of the difference map lies inside the region. */
    public ExplanationAssert hasBlueMassFractionInside(Region region, double min) {
        return hasMassFractionInside(Measure.inRegion(Metric.BLUE_MASS_FRACTION, region), min, "blue (removed)");
    }

    /** The largest red (added) value of the difference map lies inside the region. */
    public ExplanationAssert hasMaximumInside(Region region) {
        if (!counts(Measure.inRegion(Metric.RED_MAXIMUM_IN_REGION_RATE, region))) {
            int[] at = Describe.argMax(actual, +1);
            failWithMessage("%s", "Expecting the largest red (added) value of explanation " + name(actual)
                    + " to lie inside region " + region + ", but it lies at "
                    + (at == null ? "no pixel: the map has no red at all" : "column " + at[0] + ", row " + at[1]
                    + " (value " + num(actual.difference()[at[1] * actual.width() + at[0]]) + ")"));
        }
        return myself;
    }

    /** p(true) dropped and p(probe) rose from the input to the solution (both by more than zero). */
    public ExplanationAssert movedProbabilityFromTrueToProbe() {
        return movedProbabilityFromTrueToProbe(0);
    }

    /**
     * p(true) dropped and p(probe) rose, each by more than {@code minChange}: the {@code probabilityMovedRate}
     * rule with {@code minShift = minChange}.
     */
    public ExplanationAssert movedProbabilityFromTrueToProbe(double minChange) {
        isNotNull();
        Describe.checkFraction(minChange, "minChange");
        if (!counts(Measure.withMinShift(Metric.PROBABILITY_MOVED_RATE, minChange))) {
            failWithMessage("%s", "Expecting explanation " + name(actual) + " to move probability from class "
                    + actual.trueClass() + " to class " + actual.probeClass() + " by more than " + num(minChange)
                    + " each, but p(" + actual.trueClass() + ") dropped by " + num(actual.trueProbabilityDrop())
                    + " and p(" + actual.probeClass() + ") rose by " + num(actual.probeProbabilityGain()) + " ("
                    + Describe.probabilities(actual) + ")");
        }
        return myself;
    }

    /** Whether the rate metric counts this explanation. */
    private boolean counts(Measure rate) {
        isNotNull();
        return rate.valueOf(actual) == 1;
    }

    private ExplanationAssert hasMassFractionInside(Measure measure, double min, String colour) {
        isNotNull();
        Describe.checkFraction(min, "minimum fraction");
        double fraction = measure.valueOf(actual);
        if (!Comparison.atLeast(fraction, min)) {
            Region region = measure.region();
            failWithMessage("%s", "Expecting at least " + num(min) + " of the " + colour + " mass of explanation "
                    + name(actual) + " inside region " + region + ", but the fraction was " + num(fraction)
                    + " (threshold " + num(min) + "; the region covers " + num(areaShare(region)) + " of the image)");
        }
        return myself;
    }

    private double areaShare(Region r) {
        return (double) r.width() * r.height() / ((double) actual.width() * actual.height());
    }

    private int strongestOther() {
        int best = -1;
        for (int c = 0; c < actual.after().length; c++) {
            if (c != actual.trueClass() && c != actual.probeClass()
                    && (best < 0 || actual.after()[c] > actual.after()[best])) {
                best = c;
            }
        }
        return best;
    }
}
