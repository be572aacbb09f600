package io.cdeepex.evaluate;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.ArtefactPath;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The artefact path on the shipped bias fixtures: {@code mnist-biased8} and the generator that can draw the square
 * on any digit ({@code mnist-vae-square-anywhere}), a few {@code mnist-samples} digits.
 */
class ArtefactPathEvaluationTest {
    private static final Path MODELS = Path.of("models");
    private static final PlantSpec SQUARE = PlantSpec.parse("square:class=8,x=0,y=0,size=6,value=0.5");

    @Test
    void walksTowardsTheSquareAndSetsTheTieBesideTheAnswer() {
        ImageSet all = Datasets.load("mnist-samples");
        int eight = IntStream.range(0, all.size()).filter(i -> all.label(i) == 8).findFirst().orElseThrow();
        ImageSet digits = all.subset(new int[] {0, 1, 2});
        ImageSet squaredEight = SQUARE.apply(all.subset(new int[] {eight}));
        // a short search: the answers only need to exist beside the ties
        SolverSettings quick = SolverSettings.defaults().withIterations(4, 10).toBuilder().retryStarts(0).build();
        try (Classifier biased = ModelLoader.loadClassifier(MODELS.resolve("mnist-biased8"), Device.cpu());
                Generator anywhere =
                        ModelLoader.loadGenerator(MODELS.resolve("mnist-vae-square-anywhere"), Device.cpu())) {
            ArtefactPathEvaluation e =
                    ArtefactPathEvaluation.run(biased, anywhere, digits, SQUARE, quick, Device.cpu());

            assertThat(e.rows()).extracting(r -> r.path().imageId()).containsExactly(all.id(0), all.id(1), all.id(2));
            // an 8 with the square, which the classifier calls 8, is no question to ask "why not 8?" about
            Explainer explainer = new Explainer(biased, anywhere, quick, Device.cpu());
            assertThat(ClassifierEvaluation.predict(biased, squaredEight, Device.cpu())).containsExactly(8);
            assertThat(ArtefactPath.walk(explainer, squaredEight, SQUARE)).isEmpty();
            for (ArtefactPathEvaluation.Row r : e.rows()) {
                ArtefactPath.Tie t = r.path();
                assertThat(t.trueClass()).isNotEqualTo(8);
                assertThat(t.segmentLength()).isPositive();
                if (t.found()) {
                    // a tie lies on one of the segment's steps
                    double steps = t.tieDistance() / t.segmentLength() * ArtefactPath.STEPS;
                    assertThat(steps)
                            .isBetween(1.0, (double) ArtefactPath.STEPS)
                            .isCloseTo(Math.rint(steps), within(1e-6));
                    if (t.addsArtefact()) {
                        // a tie that adds the square puts more of its red there than the square's share of the
                        // image (36 of 64x64 pixels), which is what a spread-out or misplaced change would give
                        assertThat(t.redInArtefact()).as("red share in the square at the tie of %s", t.imageId())
                                .isGreaterThan(36.0 / (64 * 64));
                    }
                }
                assertThat(r.pathNearer()).isEqualTo(t.found() && t.topTwo() && t.tieDistance() < r.answerDistance());
                if (!t.found()) assertThat(t.topTwo()).isFalse();
            }
            // this generator draws the square on other digits: on some of them the path reaches a tie by adding it
            assertThat(e.rows()).anySatisfy(r -> assertThat(r.path().addsArtefact()).isTrue());
            assertThat(e.summary().get("tiesFound"))
                    .isEqualTo(e.rows().stream().filter(r -> r.path().found()).count());
            assertThat(e.report()).contains("artefact path  mnist-vae-square-anywhere through mnist-biased8")
                    .contains(all.id(0)).contains("tie nearer than the answer");
            assertThat(e.toMap()).containsKeys("tiesFound", "pathNearer", "tieRedMean", "answerRedMean", "images");
        }
    }

    @Test
    void theArtefactPathStartCostsAnInversionOnlyWhereTheProbeIsTheArtefactsClass() {
        ImageSet digits = Datasets.load("mnist-samples").subset(new int[] {0, 1});
        // 2 x 3 steps: every row runs to the cap, so the runs differ only in where the extra row starts
        SolverSettings capped = SolverSettings.defaults().withIterations(2, 3).toBuilder().searchStarts(2)
                .inversionSteps(30).retryStarts(0).build();
        SolverSettings withPath = capped.toBuilder().artefactPathStarts(true).build();
        try (Classifier biased = ModelLoader.loadClassifier(MODELS.resolve("mnist-biased8"), Device.cpu());
                Generator anywhere =
                        ModelLoader.loadGenerator(MODELS.resolve("mnist-vae-square-anywhere"), Device.cpu())) {
            List<Question> whyNot8 = List.of(Question.of(digits, 0, Question.PREDICTED, 8),
                    Question.of(digits, 1, Question.PREDICTED, 8));
            // the artefact is the card's, as the audits pass it
            Explainer path = new Explainer(biased, anywhere, withPath, Device.cpu()).withArtefact(SQUARE);
            List<Explanation> plain = new Explainer(biased, anywhere, capped, Device.cpu()).explain(whyNot8);
            List<Explanation> pathed = path.explain(whyNot8);
            List<Explanation> again = path.explain(whyNot8);
            int encoderAndRandom = capped.inversion().starts() + 1;
            for (int i = 0; i < 2; i++) {
                assertThat(pathed.get(i).modelEvaluations() - plain.get(i).modelEvaluations())
                        .as("one more inversion and the walk of the segment")
                        .isEqualTo(ArtefactPath.STEPS + 2L * capped.inversion().steps() * encoderAndRandom);
                assertThat(again.get(i).difference()).containsExactly(pathed.get(i).difference());
            }
            // "why not 1?" is no question about the planted square: nothing is walked, nothing changes
            Explanation otherProbe = path.explain(Question.of(digits, 0, Question.PREDICTED, 1));
            Explanation otherPlain = new Explainer(biased, anywhere, capped, Device.cpu())
                    .explain(Question.of(digits, 0, Question.PREDICTED, 1));
            assertThat(otherProbe.modelEvaluations()).isEqualTo(otherPlain.modelEvaluations());
            assertThat(otherProbe.difference()).containsExactly(otherPlain.difference());
        }
    }

    @Test
    void anArtefactWithoutAClassIsAClearError() {
        ImageSet digits = Datasets.load("mnist-samples").subset(new int[] {0});
        try (Classifier biased = ModelLoader.loadClassifier(MODELS.resolve("mnist-biased8"), Device.cpu());
                Generator anywhere =
                        ModelLoader.loadGenerator(MODELS.resolve("mnist-vae-square-anywhere"), Device.cpu())) {
            Explainer explainer = new Explainer(biased, anywhere, SolverSettings.defaults(), Device.cpu());
            PlantSpec noClass = PlantSpec.parse("square:x=0,y=0,size=6,value=0.5");
            assertThatThrownBy(() -> ArtefactPath.walk(explainer, digits, noClass))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names no class (class=N)");
        }
    }
}
