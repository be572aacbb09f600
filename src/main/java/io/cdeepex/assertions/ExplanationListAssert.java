package io.cdeepex.assertions;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import org.assertj.core.api.AbstractAssert;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.cdeepex.assertions.Describe.name;
import static io.cdeepex.assertions.Describe.num;
import static io.cdeepex.assertions.Describe.percent;

/**
 * Rate assertions over a batch of explanations, as audits state them ("in at least 95% of the digits ...").
 * Failure messages give the threshold, the measured rate and count, and list the offending images (the first
 * {@value Describe#MAX_LISTED}, then how many more).
 */
public class ExplanationListAssert extends AbstractAssert<ExplanationListAssert, List<Explanation>> {

    public ExplanationListAssert(List<Explanation> actual) {
        super(actual, ExplanationListAssert.class);
    }

    /** At least {@code fraction} of the explanations satisfy every constraint. */
    public ExplanationListAssert satisfiesAllConstraintsInAtLeast(double fraction) {
        return rateAtLeast(Explanation::satisfied, fraction, "satisfy all constraints", "Not satisfied",
                e -> e.stop() + ", " + violatedCount(e) + " constraint(s) violated; " + Describe.probabilities(e));
    }

    /** In at least {@code fraction} of the explanations, true and probe are the two most likely classes at the solution. */
    public ExplanationListAssert hasTrueAndProbeOnTopInAtLeast(double fraction) {
        return rateAtLeast(Explanation::trueAndProbeOnTop, fraction, "have true and probe on top",
                "True and probe not on top", Describe::probabilities);
    }

    /** In at most {@code fraction} of the explanations, a third class beats both true and probe (the paper's Fig. 5). */
    public ExplanationListAssert hasThirdClassWinningInAtMost(double fraction) {
        isNotEmpty();
        Describe.checkFraction(fraction, "fraction");
        List<Explanation> winning = actual.stream().filter(Explanation::thirdClassWins).toList();
        double rate = (double) winning.size() / actual.size();
        if (rate > fraction + 1e-12) {
            failWithMessage("%s", "Expecting a third class to win in at most " + percent(fraction) + " of "
                    + actual.size() + " explanations, but it won in " + winning.size() + " (" + percent(rate)
                    + "; threshold " + num(fraction) + "). Third class winning (" + winning.size() + "):"
                    + Describe.list(winning, e -> name(e) + ": " + Describe.probabilities(e)));
        }
        return myself;
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
        List<Explanation> winning = actual.stream().filter(Explanation::thirdClassWins).toList();
        long baselineWinning = baseline.stream().filter(Explanation::thirdClassWins).count();
        double rate = (double) winning.size() / actual.size();
        double baselineRate = (double) baselineWinning / baseline.size();
        if (!(rate < baselineRate)) {
            failWithMessage("%s", "Expecting the third-class-winning rate of " + methods(actual) + " to be below that of "
                    + methods(baseline) + " (baseline " + baselineWinning + " of " + baseline.size() + ", "
                    + percent(baselineRate) + "), but it was " + winning.size() + " of " + actual.size() + " ("
                    + percent(rate) + "). Third class winning (" + winning.size() + "):"
                    + Describe.list(winning, e -> name(e) + ": " + Describe.probabilities(e)));
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
        actual.forEach(e -> Describe.checkRegion(region, e));
        other.forEach(e -> Describe.checkRegion(region, e));
        double mean = actual.stream().mapToDouble(e -> e.redMassFraction(region)).average().orElse(0);
        double otherMean = other.stream().mapToDouble(e -> e.redMassFraction(region)).average().orElse(0);
        if (!(mean > otherMean)) {
            failWithMessage("%s", "Expecting the mean red (added) mass fraction inside region " + region + " of "
                    + methods(actual) + " to be higher than that of " + methods(other) + " (baseline " + num(otherMean)
                    + " over " + other.size() + " explanations), but it was " + num(mean) + " over " + actual.size()
                    + ". Per image:" + Describe.list(actual, e -> name(e) + ": " + num(e.redMassFraction(region)))
                    + "\n  compared with:" + Describe.list(other, e -> name(e) + ": " + num(e.redMassFraction(region))));
        }
        return myself;
    }

    /** The mean share of red (added) mass inside the region is at least {@code min}. */
    public ExplanationListAssert hasMeanRedMassFractionInside(Region region, double min) {
        isNotEmpty();
        Describe.checkFraction(min, "minimum fraction");
        actual.forEach(e -> Describe.checkRegion(region, e));
        double mean = actual.stream().mapToDouble(e -> e.redMassFraction(region)).average().orElse(0);
        if (mean < min) {
            List<Explanation> below = actual.stream().filter(e -> e.redMassFraction(region) < min)
                    .sorted(Comparator.comparingDouble(e -> e.redMassFraction(region))).toList();
            failWithMessage("%s", "Expecting the mean red (added) mass fraction inside region " + region + " over "
                    + actual.size() + " explanations to be at least " + num(min) + ", but it was " + num(mean)
                    + " (threshold " + num(min) + "). Below the threshold, lowest first (" + below.size() + "):"
                    + Describe.list(below, e -> name(e) + ": " + num(e.redMassFraction(region))));
        }
        return myself;
    }

    /** In at least {@code fraction} of the explanations, the largest red (added) value lies inside the region. */
    public ExplanationListAssert hasMaximumInsideInAtLeast(Region region, double fraction) {
        isNotEmpty();
        actual.forEach(e -> Describe.checkRegion(region, e));
        return rateAtLeast(e -> e.maximumInside(region, +1), fraction, "have their largest red value inside region "
                + region, "Largest red value outside", e -> {
                    int[] at = Describe.argMax(e, +1);
                    return at == null ? "no red at all" : "at column " + at[0] + ", row " + at[1];
                });
    }

    /**
     * In at least {@code fraction} of the explanations, at least half of the planted artefact was added
     * ({@link Explanation#addsArtefact}): "why not 8?" answered with "add the square".
     */
    public ExplanationListAssert addsArtefactInAtLeast(PlantSpec plant, double fraction) {
        isNotEmpty();
        if (plant == null) throw new IllegalArgumentException("plant must not be null");
        Region square = new Region(plant.x(), plant.y(), plant.size(), plant.size());
        actual.forEach(e -> Describe.checkRegion(square, e));
        return rateAtLeast(e -> e.addsArtefact(plant), fraction, "add at least half of the artefact " + plant,
                "Artefact not added", e -> "mean difference over its pixels " + num(e.meanDifferenceInside(square))
                        + ", needed " + num(e.channels() * plant.value() / 2.0));
    }

    /** In at least {@code fraction} of the explanations, p(true) dropped and p(probe) rose from input to solution. */
    public ExplanationListAssert movedProbabilityInAtLeast(double fraction) {
        return rateAtLeast(e -> e.trueProbabilityDrop() > 0 && e.probeProbabilityGain() > 0, fraction,
                "move probability from true to probe", "Probability not moved",
                e -> "p(true) dropped by " + num(e.trueProbabilityDrop()) + ", p(probe) rose by "
                        + num(e.probeProbabilityGain()));
    }

    /** The list holds at least one explanation. */
    public ExplanationListAssert isNotEmpty() {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("%s", "Expecting explanations to check, but the list is empty");
        }
        return myself;
    }

    private ExplanationListAssert rateAtLeast(Predicate<Explanation> passes, double fraction, String what,
                                              String offendersTitle, Function<Explanation, String> detail) {
        isNotEmpty();
        Describe.checkFraction(fraction, "fraction");
        List<Explanation> failing = actual.stream().filter(passes.negate()).toList();
        int passing = actual.size() - failing.size();
        double rate = (double) passing / actual.size();
        if (rate + 1e-12 < fraction) {
            failWithMessage("%s", "Expecting at least " + percent(fraction) + " of " + actual.size() + " explanations to "
                    + what + ", but " + passing + " (" + percent(rate) + ") did (threshold " + num(fraction) + "). "
                    + offendersTitle + " (" + failing.size() + "):"
                    + Describe.list(failing, e -> name(e) + ": " + detail.apply(e)));
        }
        return myself;
    }

    private static long violatedCount(Explanation e) {
        return e.constraints().stream().filter(c -> !c.holds()).count();
    }

    private static String methods(List<Explanation> list) {
        return list.stream().map(e -> e.method().id()).distinct().reduce((a, b) -> a + "/" + b).orElse("?");
    }
}
