package io.cdeepex.assertions;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import io.cdeepex.metrics.Comparison;
import io.cdeepex.metrics.Describe;
import io.cdeepex.metrics.Measure;
import io.cdeepex.metrics.Measurement;
import io.cdeepex.metrics.Metric;
import org.assertj.core.api.FactoryBasedNavigableListAssert;

import java.util.ArrayList;
import java.util.List;

import static io.cdeepex.metrics.Describe.num;
import static io.cdeepex.metrics.Describe.percent;

/**
 * Assertions on a batch of explanations: AssertJ's list assertions ({@code hasSize}, {@code filteredOn},
 * {@code element(i)} giving an {@link ExplanationAssert}, ...) and the rates and means audits state ("in at least
 * 95% of the digits ..."), measured by the metric core ({@link Measure}). Failure messages give the threshold, the
 * measured value and count, and list the offending images (the first {@value Describe#MAX_LISTED}, then how many
 * more).
 *
 * <pre>
 * assertThat(explanations).hasSize(16)
 *         .satisfiesAllConstraintsInAtLeast(0.95)
 *         .filteredOn(e -&gt; e.probeClass() == 8).hasMeanRedMassFractionInside(TOP_LEFT, 0.2);
 * assertThat(explanations).element(0).hasTrueAndProbeOnTop();
 * </pre>
 */
public class ExplanationListAssert extends FactoryBasedNavigableListAssert<ExplanationListAssert,
        List<? extends Explanation>, Explanation, ExplanationAssert> {

    public ExplanationListAssert(List<? extends Explanation> actual) {
        super(actual, ExplanationListAssert.class, ExplanationAssert::new);
    }

    /** Keeps the domain assertions after AssertJ's navigation ({@code filteredOn}, ...). */
    @Override
    protected ExplanationListAssert newAbstractIterableAssert(Iterable<? extends Explanation> iterable) {
        List<Explanation> list = new ArrayList<>();
        iterable.forEach(list::add);
        return new ExplanationListAssert(list);
    }

    /** The metric over the explanations is at least {@code min} (any explanation metric of the core). */
    public ExplanationListAssert hasAtLeast(Measure measure, double min) {
        return bound(measure, true, min);
    }

    /** The metric over the explanations is at most {@code max}. */
    public ExplanationListAssert hasAtMost(Measure measure, double max) {
        return bound(measure, false, max);
    }

    /** At least {@code fraction} of the explanations satisfy every constraint. */
    public ExplanationListAssert satisfiesAllConstraintsInAtLeast(double fraction) {
        return bound(Measure.of(Metric.SATISFACTION_RATE), true, fraction);
    }

    /** In at least {@code fraction} of the explanations, true and probe are the two most likely at the solution. */
    public ExplanationListAssert hasTrueAndProbeOnTopInAtLeast(double fraction) {
        return bound(Measure.of(Metric.TRUE_AND_PROBE_ON_TOP_RATE), true, fraction);
    }

    /** In at most {@code fraction} of the explanations, a third class beats both true and probe (paper Fig. 5). */
    public ExplanationListAssert hasThirdClassWinningInAtMost(double fraction) {
        return bound(Measure.of(Metric.THIRD_CLASS_WINS_RATE), false, fraction);
    }

    /** The mean share of red (added) mass inside the region is at least {@code min}. */
    public ExplanationListAssert hasMeanRedMassFractionInside(Region region, double min) {
        return bound(Measure.inRegion(Metric.RED_MASS_FRACTION, region), true, min);
    }

    /** In at least {@code fraction} of the explanations, the largest red (added) value lies inside the region. */
    public ExplanationListAssert hasMaximumInsideInAtLeast(Region region, double fraction) {
        return bound(Measure.inRegion(Metric.RED_MAXIMUM_IN_REGION_RATE, region), true, fraction);
    }

    /**
     * In at least {@code fraction} of the explanations, at least half of the planted artefact was added
     * ({@link Explanation#addsArtefact}): "why not 8?" answered with "add the square".
     */
    public ExplanationListAssert addsArtefactInAtLeast(PlantSpec plant, double fraction) {
        if (plant == null) throw new IllegalArgumentException("plant must not be null");
        return bound(Measure.ofPlant(Metric.ARTEFACT_ADDED_RATE, plant), true, fraction);
    }

    /** In at least {@code fraction} of the explanations, p(true) dropped and p(probe) rose from input to solution. */
    public ExplanationListAssert movedProbabilityInAtLeast(double fraction) {
        return bound(Measure.of(Metric.PROBABILITY_MOVED_RATE), true, fraction);
    }

    /**
     * The third-class-winning rate is strictly below that of a baseline (e.g. xGEMs on the same questions), as
     * the paper's constraint ablation claims.
     */
    public ExplanationListAssert hasThirdClassWinningRateBelow(List<Explanation> baseline) {
        isNotEmpty();
        if (baseline == null || baseline.isEmpty()) {
            throw new IllegalArgumentException("baseline explanations must not be null or empty");
        }
        Measure winning = Measure.of(Metric.THIRD_CLASS_WINS_RATE);
        Measurement ours = winning.over(actual);
        Measurement theirs = winning.over(baseline);
        if (Comparison.atLeast(ours.value(), theirs.value())) {
            List<Measurement.Reading> won = ours.offenders(false, 0);
            failWithMessage("%s", "Expecting the third-class-winning rate of " + methods(actual) + " to be below that"
                    + " of " + methods(baseline) + " (baseline " + theirs.yesCount() + " of " + theirs.size() + ", "
                    + percent(theirs.value()) + "), but it was " + ours.yesCount() + " of " + ours.size() + " ("
                    + percent(ours.value()) + "). Third class winning (" + won.size() + "):"
                    + Describe.list(won, Measurement.Reading::line));
        }
        return myself;
    }

    /**
     * The mean share of red (added) mass inside the region is higher than another method's on the same questions
     * (the paper's Fig. 6 claim: CDeepEx's "why not 8?" puts more of what must be added where the artefact goes).
     */
    public ExplanationListAssert hasHigherMeanRedMassFractionInsideThan(Region region, List<Explanation> other) {
        isNotEmpty();
        if (other == null || other.isEmpty()) {
            throw new IllegalArgumentException("the explanations to compare with must not be null or empty");
        }
        Measure red = Measure.inRegion(Metric.RED_MASS_FRACTION, region);
        Measurement ours = red.over(actual);
        Measurement theirs = red.over(other);
        if (Comparison.atMost(ours.value(), theirs.value())) {
            failWithMessage("%s", "Expecting the mean red (added) mass fraction inside region " + region + " of "
                    + methods(actual) + " to be higher than that of " + methods(other) + " (baseline "
                    + num(theirs.value()) + " over " + other.size() + " explanations), but it was "
                    + num(ours.value()) + " over " + actual.size() + ". Per image:"
                    + Describe.list(ours.readings(), Measurement.Reading::line)
                    + "\n  compared with:" + Describe.list(theirs.readings(), Measurement.Reading::line));
        }
        return myself;
    }

    /** The list holds at least one explanation. */
    @Override
    public ExplanationListAssert isNotEmpty() {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("%s", "Expecting explanations to check, but the list is empty");
        }
        return myself;
    }

    private ExplanationListAssert bound(Measure measure, boolean lower, double bound) {
        isNotEmpty();
        Describe.checkFraction(bound, lower ? "the minimum" : "the maximum");
        Measurement m = measure.over(actual);
        if (!m.holds(lower, bound)) failWithMessage("%s", m.failure(lower, bound));
        return myself;
    }

    private static String methods(List<? extends Explanation> list) {
        return list.stream().map(e -> e.method().id()).distinct().reduce((a, b) -> a + "/" + b).orElse("?");
    }
}
