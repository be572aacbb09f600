package io.cdeepex.audits;

import io.cdeepex.data.ImageSet;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.Region;
import io.cdeepex.junit.AuditClassifier;
import io.cdeepex.junit.AuditExplainer;
import io.cdeepex.junit.AuditModels;
import io.cdeepex.junit.AuditSamples;
import io.cdeepex.junit.ModelAudit;
import io.cdeepex.model.Classifier;
import io.cdeepex.report.AllureAttachments;
import io.cdeepex.report.ClassLabels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cdeepex.assertions.AuditAssertions.assertThat;

/**
 * The paper's MNIST experiments as audits, on the fixtures under {@code models/}: {@code mnist-classifier} with
 * {@code mnist-vae} (clean data) and {@code mnist-biased8} with {@code mnist-vae-biased8} (every training "8" carries a
 * grey square in the top-left corner; the card's {@code plant} field says where). Skipped until those models exist.
 *
 * <p>Thresholds are the paper's where it states one (bias: 5% clean-8 recall, 77% square-induced "8"; constraints
 * hold, no third class wins) and deliberately modest where it does not (how much of the red mass lands in the square);
 * recalibrate them against the fixtures' measured numbers.
 */
@ModelAudit
@Tag("paper-audit")
class MnistPaperAuditsTest {
    /** Runs before the parameters are resolved, so each audit is reported as skipped with this reason. */
    @BeforeEach
    void fixturesPresent() {
        MnistFixtures.assumePresent();
    }

    @Test
    @DisplayName("(a) biased-8: 'why not 8?' is answered for other digits (constraints hold, probability moves to 8)")
    void whyNotEightIsAnswered(@AuditExplainer(classifier = "mnist-biased8", searchStarts = 2) Explainer explainer,
                               @AuditSamples(exclude = 8, count = 3, seed = 1) ImageSet digits,
                               @AuditClassifier("mnist-biased8") Classifier biased, AuditModels models) {
        List<Explanation> whyNotEight =
                explainer.explain(MnistFixtures.predictedOtherThan(biased, digits, 8, models), 8);

        assertThat(whyNotEight)
                .satisfiesAllConstraintsInAtLeast(0.9)
                .movedProbabilityInAtLeast(0.9);
    }

    /**
     * A diagnostic, not the headline: it needs a generator trained knowing the artefact. The generic path, which
     * names nothing, is MnistScanAuditsTest. The paper's headline claim, on a generator that can draw the square on
     * any digit (mnist-vae-square-anywhere, see the next test for why the card's own-data generator cannot). Ten
     * digits, not three: the red mass in the square varies from none to most per digit (some digits, mostly 1s, are
     * answered by reshaping the digit), so a mean over few digits would decide by which digits were drawn. The
     * bounds sit below what the default solver gives and above what a search that overshoots into reshaped digits
     * gives (docs/experiments/solver-search.md, "The paper audits' bounds").
     */
    @Test
    @Tag("diagnostic")
    @DisplayName("(a') diagnostic, knows the artefact (square-anywhere generator): 'why not 8?' for other digits adds"
            + " the square in the top-left corner")
    void whyNotEightShowsTheSquare(
            @AuditClassifier("mnist-biased8") Classifier biased,
            @AuditExplainer(classifier = "mnist-biased8", generator = "mnist-vae-square-anywhere", searchStarts = 2)
                    Explainer explainer,
            @AuditSamples(exclude = 8, count = 10, seed = 1) ImageSet digits,
            AuditModels models) {
        Region square = MnistFixtures.plantedRegion(biased);
        // "why not 8?" is only a question for digits the classifier does not already call 8.
        ImageSet notEight = MnistFixtures.predictedOtherThan(biased, digits, 8, models);

        List<Explanation> whyNotEight = explainer.explain(notEight, 8);

        assertThat(whyNotEight)
                .satisfiesAllConstraintsInAtLeast(0.9)
                .hasMeanRedMassFractionInside(square, 0.2)
                .hasMaximumInsideInAtLeast(square, 0.25);
    }

    /**
     * Why the own-data generators cannot localise the square: in mnist-biased8's training data the square only comes
     * with an 8's shape, so a generator trained on that data draws them together. mnist-vae-square-anywhere was
     * trained on the same digits with the square on a random half of every class; the classifier is the same. The
     * comparison is relative (more red than the own-data generator puts there), so it holds whatever the solver's
     * step size; the numbers are in docs/experiments/solver-search.md, "The paper audits' bounds".
     */
    @Test
    @Tag("diagnostic")
    @DisplayName("(a'') diagnostic, knows the artefact: a generator that can draw the square on any digit puts more red"
            + " into it than the classifier's own-data generator")
    void aGeneratorThatDrawsTheSquareAnywhereLocalisesItBetter(
            @AuditClassifier("mnist-biased8") Classifier biased,
            @AuditExplainer(classifier = "mnist-biased8", searchStarts = 2) Explainer ownData,
            @AuditExplainer(classifier = "mnist-biased8", generator = "mnist-vae-square-anywhere", searchStarts = 2)
                    Explainer squareAnywhere,
            @AuditSamples(exclude = 8, count = 3, seed = 1) ImageSet digits,
            AuditModels models) {
        Region square = MnistFixtures.plantedRegion(biased);
        ImageSet notEight = MnistFixtures.predictedOtherThan(biased, digits, 8, models);

        List<Explanation> withOwnData = ownData.explain(notEight, 8);
        List<Explanation> withSquareAnywhere = squareAnywhere.explain(notEight, 8);

        assertThat(withSquareAnywhere)
                .satisfiesAllConstraintsInAtLeast(0.9)
                .addsArtefactInAtLeast(MnistFixtures.plantOf(biased), 0.5)
                .hasHigherMeanRedMassFractionInsideThan(square, withOwnData);
    }

    @Test
    @DisplayName(
            "(b) clean classifier, probe = second most likely: CDeepEx holds its constraints, xGEMs lets third classes"
                    + " win")
    void constraintsKeepThirdClassesOut(
            @AuditExplainer(classifier = "mnist-classifier") Explainer cdeepex,
            @AuditExplainer(classifier = "mnist-classifier", method = Method.XGEMS) Explainer xgems,
            // 16: xGEMs lets a third class win on only about one question in ten,
            // so fewer questions may show none and the contrast cannot be seen
            @AuditSamples(count = 16, seed = 2) ImageSet digits) {
        List<Explanation> withConstraints = cdeepex.explain(digits, Question.SECOND);
        List<Explanation> withoutInequalities = xgems.explain(digits, Question.SECOND);

        Map<String, List<Explanation>> byMethod = new LinkedHashMap<>();
        byMethod.put("cdeepex", withConstraints);
        byMethod.put("xgems", withoutInequalities);
        AllureAttachments.attachComparison("CDeepEx vs xGEMs on the same questions", byMethod,
                ClassLabels.of(cdeepex.classifier().classNames()));

        assertThat(withConstraints)
                .satisfiesAllConstraintsInAtLeast(0.95)
                .hasTrueAndProbeOnTopInAtLeast(0.95)
                .hasThirdClassWinningRateBelow(withoutInequalities);
    }

    @Test
    @DisplayName("(c) biased-8 classifier: clean 8s are missed, the square makes other digits 8")
    void biasedClassifierFollowsTheSquare(@AuditClassifier("mnist-biased8") Classifier biased,
                                          @AuditSamples ImageSet samples, AuditModels models) {
        assertThat(ClassifierEvaluation.run(biased, samples, MnistFixtures.plantOf(biased), models.device()))
                .hasRecallAtMost(8, 0.10)
                // the paper's 77%, less a margin for the 500 samples (docs/experiments/model-training.md)
                .hasPlantedRateAtLeast(0.70);
    }

    @Test
    @DisplayName("(c') control: the clean classifier recognises 8s and ignores the square")
    void cleanClassifierIgnoresTheSquare(@AuditClassifier("mnist-classifier") Classifier clean,
                                         @AuditClassifier("mnist-biased8") Classifier biased,
                                         @AuditSamples ImageSet samples, AuditModels models) {
        assertThat(ClassifierEvaluation.run(clean, samples, MnistFixtures.plantOf(biased), models.device()))
                .hasAccuracyAtLeast(0.95)
                .hasRecallAtLeast(8, 0.90)
                .hasPlantedRateAtMost(0.10);
    }
}
