package io.cdeepex.assertions;

import io.cdeepex.explain.Constraint;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

import static io.cdeepex.assertions.Describe.name;
import static io.cdeepex.assertions.Describe.num;

/**
 * Assertions on one contrastive explanation. Each failure message names the image, says what was expected, what
 * was measured and the threshold. Regions are in classifier-input pixels; red = what must be added to become the
 * probe, blue = what must be removed.
 */
public class ExplanationAssert extends AbstractAssert<ExplanationAssert, Explanation> {

    public ExplanationAssert(Explanation actual) {
        super(actual, ExplanationAssert.class);
    }

    /** Every constraint of Equation 2 holds at the solution (for xGEMs: the equality). */
    public ExplanationAssert satisfiesAllConstraints() {
        isNotNull();
        if (!actual.satisfied()) {
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
        isNotNull();
        if (!actual.trueAndProbeOnTop()) {
            failWithMessage("%s", "Expecting classes " + actual.trueClass() + " and " + actual.probeClass()
                    + " to be the two most likely at the solution of " + name(actual) + ", but class "
                    + strongestOther() + " has " + num(actual.strongestOtherAfter()) + " (" + Describe.probabilities(actual) + ")");
        }
        return myself;
    }

    /** No class other than true and probe ends up more likely than both (the paper's Fig. 5 failure). */
    public ExplanationAssert hasNoThirdClassWinning() {
        isNotNull();
        if (actual.thirdClassWins()) {
            failWithMessage("%s", "Expecting no third class to beat both " + actual.trueClass() + " and "
                    + actual.probeClass() + " at the solution of " + name(actual) + ", but class " + strongestOther()
                    + " wins with " + num(actual.strongestOtherAfter()) + " (" + Describe.probabilities(actual) + ")");
        }
        return myself;
    }

    /** At least {@code min} of the red (added) mass of the difference map lies inside the region. */
    public ExplanationAssert hasRedMassFractionInside(Region region, double min) {
        return hasMassFractionInside(region, min, +1);
    }

    /** At least {@code min} of the blue (removed) mass of the difference map lies inside the region. */
    public ExplanationAssert hasBlueMassFractionInside(Region region, double min) {
        return hasMassFractionInside(region, min, -1);
    }

    /** The largest red (added) value of the difference map lies inside the region. */
    public ExplanationAssert hasMaximumInside(Region region) {
        isNotNull();
        Describe.checkRegion(region, actual);
        if (!actual.maximumInside(region, +1)) {
            int[] at = Describe.argMax(actual, +1);
            failWithMessage("%s", "Expecting the largest red (added) value of explanation " + name(actual)
                    + " to lie inside region " + region + ", but it lies at "
                    + (at == null ? "no pixel: the map has no red at all"
                    : "column " + at[0] + ", row " + at[1] + " (value " + num(actual.difference()[at[1] * actual.width() + at[0]]) + ")"));
        }
        return myself;
    }

    /** p(true) dropped and p(probe) rose from the input to the solution (both by more than zero). */
    public ExplanationAssert movedProbabilityFromTrueToProbe() {
        isNotNull();
        if (!(actual.trueProbabilityDrop() > 0 && actual.probeProbabilityGain() > 0)) {
            failMoved("more than 0");
        }
        return myself;
    }

    /** p(true) dropped by at least {@code minChange} and p(probe) rose by at least {@code minChange}. */
    public ExplanationAssert movedProbabilityFromTrueToProbe(double minChange) {
        isNotNull();
        Describe.checkFraction(minChange, "minChange");
        if (!(actual.trueProbabilityDrop() >= minChange && actual.probeProbabilityGain() >= minChange)) {
            failMoved("at least " + num(minChange));
        }
        return myself;
    }

    private void failMoved(String threshold) {
        failWithMessage("%s", "Expecting explanation " + name(actual) + " to move probability from class "
                + actual.trueClass() + " to class " + actual.probeClass() + " by " + threshold + " each, but p("
                + actual.trueClass() + ") dropped by " + num(actual.trueProbabilityDrop()) + " and p(" + actual.probeClass()
                + ") rose by " + num(actual.probeProbabilityGain()) + " (" + Describe.probabilities(actual) + ")");
    }

    private ExplanationAssert hasMassFractionInside(Region region, double min, int sign) {
        isNotNull();
        Describe.checkRegion(region, actual);
        Describe.checkFraction(min, "minimum fraction");
        double fraction = sign > 0 ? actual.redMassFraction(region) : actual.blueMassFraction(region);
        if (fraction < min) {
            String colour = sign > 0 ? "red (added)" : "blue (removed)";
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
            if (c != actual.trueClass() && c != actual.probeClass() && (best < 0 || actual.after()[c] > actual.after()[best])) {
                best = c;
            }
        }
        return best;
    }
}
