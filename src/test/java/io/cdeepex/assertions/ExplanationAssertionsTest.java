package io.cdeepex.assertions;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.Region;
import io.cdeepex.junit.AuditExplainer;
import io.cdeepex.junit.AuditSamples;
import io.cdeepex.junit.ModelAudit;
import io.cdeepex.metrics.Describe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The explanation assertions on real explanations (tiny TorchScript classifier and generator, a few solver
 * iterations): each passes at the measured value and fails just beyond it with a message that names the image,
 * the measured value and the threshold. Two kinds of question: the paper's ("why the top class and not the second?",
 * where true and probe stay on top) and forced ones (true = least likely class, probe = second least likely, where
 * the predicted class stays a winning third after a short search).
 */
@ModelAudit(models = "src/test/resources/models", device = "cpu")
class ExplanationAssertionsTest {
    private static final Region TOP_LEFT_QUARTER = new Region(0, 0, 14, 14);
    private static final Region WHOLE = new Region(0, 0, 28, 28);

    @AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", inversionSteps = 10, inversionStarts = 1,
            maxOuterIterations = 3, innerSteps = 3, learningRate = 0.05, seed = 7)
    static Explainer explainer;

    @AuditSamples(count = 4, seed = 3)
    static ImageSet digits;

    /** Probe = second most likely. */
    static List<Explanation> paper;
    /** True = least likely, probe = second least likely. */
    static List<Explanation> forced;

    @BeforeAll
    static void explain() {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) questions.add(Question.of(digits, i));
        paper = explainer.explain(questions);
        List<Question> hard = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            int[] order = ascending(paper.get(i).before());
            hard.add(Question.of(digits, i, order[0], order[1]));
        }
        forced = explainer.explain(hard);
    }

    @Test
    void theFixtureHoldsBothKindsOfQuestion() {
        assertThat(paper).hasSize(4).allMatch(Explanation::trueAndProbeOnTop).noneMatch(Explanation::thirdClassWins);
        assertThat(forced).hasSize(4).allMatch(Explanation::thirdClassWins).noneMatch(Explanation::satisfied);
    }

    // ---- one explanation ----------------------------------------------------------------------------------------

    @Test
    void redMassFractionPassesAtTheMeasuredValueAndFailsAboveIt() {
        Explanation e = paper.get(0);
        double f = e.redMassFraction(TOP_LEFT_QUARTER);
        assertThat(f).as("fixture: some but not all red mass in the quarter").isBetween(0.02, 0.95);

        AuditAssertions.assertThat(e).hasRedMassFractionInside(TOP_LEFT_QUARTER, f);
        assertThatThrownBy(() -> AuditAssertions.assertThat(e).hasRedMassFractionInside(TOP_LEFT_QUARTER, f + 0.04))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting at least " + num(f + 0.04) + " of the red (added) mass of explanation "
                        + e.imageId() + " [cdeepex] " + e.trueClass() + "->" + e.probeClass())
                .hasMessageContaining("inside region [x=0, y=0, 14x14], but the fraction was " + num(f))
                .hasMessageContaining("(threshold " + num(f + 0.04) + "; the region covers 0.250 of the image)");
    }

    @Test
    void blueMassFractionPassesAtTheMeasuredValueAndFailsAboveIt() {
        Explanation e = paper.get(1);
        double f = e.blueMassFraction(TOP_LEFT_QUARTER);
        assertThat(f).isBetween(0.0, 0.95);

        AuditAssertions.assertThat(e).hasBlueMassFractionInside(TOP_LEFT_QUARTER, f)
                .hasBlueMassFractionInside(WHOLE, 0.999);
        assertThatThrownBy(() -> AuditAssertions.assertThat(e).hasBlueMassFractionInside(TOP_LEFT_QUARTER, f + 0.04))
                .hasMessageContaining("of the blue (removed) mass of explanation " + e.imageId())
                .hasMessageContaining("but the fraction was " + num(f));
    }

    @Test
    void maximumInsideNamesWhereTheMaximumIs() {
        Explanation e = paper.get(2);
        int[] at = Describe.argMax(e, +1);
        assertThat(at).as("fixture: the map has red").isNotNull();
        Region there = new Region(at[0], at[1], 1, 1);
        Region elsewhere = at[0] < 14 ? new Region(14, 0, 14, 28) : new Region(0, 0, 14, 28);

        AuditAssertions.assertThat(e).hasMaximumInside(there).hasMaximumInside(WHOLE);
        assertThatThrownBy(() -> AuditAssertions.assertThat(e).hasMaximumInside(elsewhere))
                .hasMessageContaining("Expecting the largest red (added) value of explanation " + e.imageId())
                .hasMessageContaining("to lie inside region " + elsewhere + ", but it lies at column " + at[0]
                        + ", row " + at[1]);
    }

    @Test
    void artefactAddedComparesTheMeanDifferenceOverTheArtefactWithHalfItsValue() {
        Explanation e = paper.get(2);
        int[] at = Describe.argMax(e, +1);
        double d = e.difference()[at[1] * e.width() + at[0]];
        assertThat(d).as("fixture: the strongest red value leaves room for twice it").isBetween(0.01, 0.45);
        assertThat(e.meanDifferenceInside(new Region(at[0], at[1], 1, 1))).isCloseTo(d, within(1e-9));
        double mean = 0;
        for (float v : e.difference()) mean += v;
        assertThat(e.meanDifferenceInside(WHOLE)).isCloseTo(mean / e.difference().length, within(1e-9));

        PlantSpec halfThere = new PlantSpec(OptionalInt.empty(), at[0], at[1], 1, (float) (2 * d - 0.01));
        PlantSpec twiceAsStrong = new PlantSpec(OptionalInt.empty(), at[0], at[1], 1, (float) (2 * d + 0.05));
        assertThat(e.addsArtefact(halfThere)).isTrue();
        assertThat(e.addsArtefact(twiceAsStrong)).isFalse();

        AuditAssertions.assertThat(List.of(e)).addsArtefactInAtLeast(halfThere, 1.0);
        assertThatThrownBy(() -> AuditAssertions.assertThat(List.of(e)).addsArtefactInAtLeast(twiceAsStrong, 0.5))
                .hasMessageContaining("to add at least half of the artefact " + twiceAsStrong + ", but 0 (0.0%) did")
                .hasMessageContaining("Artefact not added (1):")
                .hasMessageContaining(e.imageId() + " [cdeepex] " + e.trueClass() + "->" + e.probeClass()
                        + ": mean difference over its pixels " + num(d) + ", needed "
                        + num(twiceAsStrong.value() / 2.0));
        assertThatThrownBy(() -> AuditAssertions.assertThat(List.of(e)).addsArtefactInAtLeast(
                new PlantSpec(OptionalInt.empty(), 27, 27, 2, 1f), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    @Test
    void constraintsAndRankingPassOnThePaperQuestionsAndFailOnForcedOnes() {
        for (Explanation e : paper) AuditAssertions.assertThat(e).hasTrueAndProbeOnTop().hasNoThirdClassWinning();
        Explanation f = forced.get(0);
        int[] order = ascending(f.after());
        int winner = order[order.length - 1];

        assertThatThrownBy(() -> AuditAssertions.assertThat(f).satisfiesAllConstraints())
                .hasMessageContaining("Expecting explanation " + f.imageId() + " [cdeepex] " + f.trueClass() + "->"
                        + f.probeClass() + " to satisfy all constraints, but ")
                .hasMessageContaining("do not hold (solver stop: ITERATION_CAP")
                .hasMessageContaining("llh(" + f.trueClass() + ") - llh(" + f.probeClass() + ") = 0: value ");
        assertThatThrownBy(() -> AuditAssertions.assertThat(f).hasNoThirdClassWinning())
                .hasMessageContaining("but class " + winner + " wins with " + num(f.after()[winner]));
        assertThatThrownBy(() -> AuditAssertions.assertThat(f).hasTrueAndProbeOnTop())
                .hasMessageContaining("to be the two most likely at the solution of " + f.imageId());
    }

    @Test
    void movedProbabilityComparesBothChangesWithTheMinimum() {
        Explanation e = paper.get(0);
        double moved = Math.min(e.trueProbabilityDrop(), e.probeProbabilityGain());
        assertThat(moved).as("fixture: probability moved towards the probe").isPositive();

        AuditAssertions.assertThat(e).movedProbabilityFromTrueToProbe().movedProbabilityFromTrueToProbe(moved / 2);
        assertThatThrownBy(() -> AuditAssertions.assertThat(e).movedProbabilityFromTrueToProbe(moved))
                .hasMessageContaining("to move probability from class " + e.trueClass() + " to class " + e.probeClass()
                        + " by more than " + num(moved) + " each, but p(" + e.trueClass() + ") dropped by "
                        + num(e.trueProbabilityDrop()));
    }

    @Test
    void misuseIsAnArgumentErrorAndNullAndDescriptionsFollowAssertJ() {
        Explanation e = paper.get(0);
        assertThatThrownBy(() -> AuditAssertions.assertThat(e)
                .hasRedMassFractionInside(new Region(20, 20, 10, 10), 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit the 28x28");
        assertThatThrownBy(() -> AuditAssertions.assertThat(e).hasRedMassFractionInside(WHOLE, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction in 0..1, got 1.5");
        assertThatThrownBy(() -> AuditAssertions.assertThat((Explanation) null).satisfiesAllConstraints())
                .hasMessageContaining("Expecting actual not to be null");
        assertThatThrownBy(() -> AuditAssertions.assertThat(forced.get(0)).as("bias audit").satisfiesAllConstraints())
                .hasMessageStartingWith("[bias audit] ");
    }

    // ---- lists --------------------------------------------------------------------------------------------------

    @Test
    void ratesPassOnThePaperQuestionsAndListTheOffendersOfTheForcedOnes() {
        AuditAssertions.assertThat(paper).hasTrueAndProbeOnTopInAtLeast(1.0).hasThirdClassWinningInAtMost(0.0)
                .satisfiesAllConstraintsInAtLeast(fraction(paper.stream().filter(Explanation::satisfied).count()));

        assertThatThrownBy(() -> AuditAssertions.assertThat(forced).satisfiesAllConstraintsInAtLeast(0.95))
                .hasMessageContaining("Expecting at least 95.0% of 4 explanations to satisfy all constraints, but 0"
                        + " (0.0%) did (threshold 0.950). Not satisfied (4):")
                .satisfies(t -> assertThat(t.getMessage()).contains(ids(forced)));
        assertThatThrownBy(() -> AuditAssertions.assertThat(forced).hasThirdClassWinningInAtMost(0.25))
                .hasMessageContaining("Expecting at most 25.0% of 4 explanations to have a third class winning, but 4"
                        + " (100.0%) did (threshold 0.250). Third class winning (4):")
                .satisfies(t -> assertThat(t.getMessage()).contains(ids(forced)));
        assertThatThrownBy(() -> AuditAssertions.assertThat(forced).hasTrueAndProbeOnTopInAtLeast(0.5))
                .hasMessageContaining("True and probe not on top (4):");
    }

    @Test
    void thirdClassWinningRateIsComparedWithABaseline() {
        AuditAssertions.assertThat(paper).hasThirdClassWinningRateBelow(forced);

        assertThatThrownBy(() -> AuditAssertions.assertThat(forced).hasThirdClassWinningRateBelow(paper))
                .hasMessageContaining("Expecting the third-class-winning rate of cdeepex to be below that of cdeepex"
                        + " (baseline 0 of 4, 0.0%), but it was 4 of 4 (100.0%)")
                .satisfies(t -> assertThat(t.getMessage()).contains(ids(forced)));
    }

    @Test
    void meanRedMassAndMaximumRatesListTheWeakestImages() {
        double mean = paper.stream().mapToDouble(e -> e.redMassFraction(TOP_LEFT_QUARTER)).average().orElseThrow();
        AuditAssertions.assertThat(paper).hasMeanRedMassFractionInside(TOP_LEFT_QUARTER, mean)
                .hasMaximumInsideInAtLeast(WHOLE, 1.0).movedProbabilityInAtLeast(1.0);

        Explanation lowest = paper.stream()
                .min((a, b) -> Double.compare(a.redMassFraction(TOP_LEFT_QUARTER), b.redMassFraction(TOP_LEFT_QUARTER)))
                .orElseThrow();
        assertThatThrownBy(() -> AuditAssertions.assertThat(paper)
                .hasMeanRedMassFractionInside(TOP_LEFT_QUARTER, mean + 0.1))
                .hasMessageContaining("Expecting the mean red (added) mass fraction inside region [x=0, y=0, 14x14]"
                        + " over 4 explanations to be at least " + num(mean + 0.1) + ", but it was " + num(mean))
                .hasMessageContaining("Below the threshold, lowest first")
                .hasMessageContaining("  - " + lowest.imageId() + " [cdeepex] " + lowest.trueClass() + "->"
                        + lowest.probeClass() + ": " + num(lowest.redMassFraction(TOP_LEFT_QUARTER)));

        long inside = paper.stream().filter(e -> e.maximumInside(TOP_LEFT_QUARTER, +1)).count();
        assertThatThrownBy(() -> AuditAssertions.assertThat(paper).hasMaximumInsideInAtLeast(TOP_LEFT_QUARTER,
                fraction(inside + 1)))
                .hasMessageContaining("to have their largest red value inside region [x=0, y=0, 14x14], but " + inside)
                .hasMessageContaining("Largest red value outside (" + (4 - inside) + "):");
    }

    @Test
    void longOffenderListsAreCappedAtTen() {
        List<Explanation> many = new ArrayList<>(Collections.nCopies(13, forced.get(0)));

        assertThatThrownBy(() -> AuditAssertions.assertThat(many).satisfiesAllConstraintsInAtLeast(1.0))
                .hasMessageContaining("Not satisfied (13):")
                .hasMessageEndingWith("  ... and 3 more")
                .satisfies(t -> assertThat(t.getMessage().split("\n  - ", -1)).hasSize(11));
        assertThatThrownBy(() -> AuditAssertions.assertThat(List.<Explanation>of()).movedProbabilityInAtLeast(0.5))
                .hasMessageContaining("Expecting explanations to check, but the list is empty");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static double fraction(long count) {
        return count / 4.0;
    }

    private static String[] ids(List<Explanation> list) {
        return list.stream().map(Explanation::imageId).toArray(String[]::new);
    }

    /** Class indices by increasing probability. */
    private static int[] ascending(float[] p) {
        return java.util.stream.IntStream.range(0, p.length).boxed()
                .sorted((a, b) -> Float.compare(p[a], p[b])).mapToInt(Integer::intValue).toArray();
    }
}
