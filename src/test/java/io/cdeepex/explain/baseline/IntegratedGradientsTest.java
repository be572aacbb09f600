package io.cdeepex.explain.baseline;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.StopReason;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Integrated gradients and the paper's contrastive adaptation, on the tiny real models and a model built by hand. */
class IntegratedGradientsTest {
    static Classifier classifier;
    static Generator generator;
    static ImageSet digits;
    static final SolverSettings IG = SolverSettings.defaults().withMethod(Method.IG);

    @BeforeAll
    static void load() {
        Path models = Path.of("src/test/resources/models");
        classifier = ModelLoader.loadClassifier(models.resolve("tiny-cnn"), Device.cpu());
        generator = ModelLoader.loadGenerator(models.resolve("tiny-gen"), Device.cpu());
        digits = new SampleFilter(List.of(), List.of(), 3, 11).select(Datasets.load("mnist-samples"));
    }

    @AfterAll
    static void close() {
        classifier.close();
        generator.close();
    }

    static List<Question> questions(ImageSet set) {
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) qs.add(Question.of(set, i));
        return qs;
    }

    @Test
    void attributionsAddUpToTheOutputDifference() {
        List<Explanation> out = new Explainer(classifier, generator, IG, Device.cpu()).explain(questions(digits));
        assertThat(out).hasSize(digits.size());
        for (Explanation e : out) {
            for (String side : List.of("true", "probe")) {
                double sum = e.diagnostics().get("ig.attributionSum." + side);
                double difference = e.diagnostics().get("ig.outputDifference." + side);
                assertThat(e.diagnostics().get("ig.completenessGap." + side))
                        .as("%s: |sum of attributions - (p(x) - p(black))| for the %s class"
                                + " (sum %.4f, difference %.4f)",
                                e.imageId(), side, sum, difference)
                        .isLessThanOrEqualTo(0.02 + 0.02 * Math.abs(difference));
            }
        }
    }

    @Test
    void aModelThatReadsOneRegionGetsAttributionsOnlyThere() {
        RegionModel model = new RegionModel(28, 4, 16, 6, 12f, 0.3f);
        float[] image = new float[28 * 28];
        for (int i = 0; i < image.length; i++) image[i] = (i * 37 % 11) / 10f; // texture everywhere
        try (ai.djl.ndarray.NDManager scope = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu())) {
            ModelProbe probe = new ModelProbe(model, scope);
            BaselineContext context = new BaselineContext(probe, IG, new java.util.Random(1), n -> new float[n][]);
            RelevanceMaps maps = new IntegratedGradients().relevance(context, new float[][] {image}, new int[] {1});
            float[] map = maps.maps()[0];
            double inside = 0;
            for (int i = 0; i < map.length; i++) {
                if (model.inside(i)) inside += map[i];
                else assertThat(map[i]).as("attribution of pixel %d outside the region", i).isEqualTo(0f);
            }
            assertThat(inside).isCloseTo(maps.diagnostics(0).get("ig.outputDifference"), within(1e-3));
            assertThat(probe.forwards()).isEqualTo(IG.baselines().igSteps() + 2);
            assertThat(probe.backwards()).isEqualTo(IG.baselines().igSteps());
        }
    }

    @Test
    void contrastiveAnswersLowerTheTrueClassAndRaiseTheProbe() {
        List<Explanation> out = new Explainer(classifier, generator, IG, Device.cpu()).explain(questions(digits));
        for (Explanation e : out) {
            assertThat(e.method()).isEqualTo(Method.IG);
            assertThat(e.mapsKept()).as(e.imageId()).isBetween(0, 400);
            assertThat(e.diagnostics().get("contrast.weightsTried")).isEqualTo(400.0);
            assertThat(e.satisfied()).isEqualTo(e.mapsKept() > 0);
            assertThat(e.stop()).isEqualTo(e.satisfied() ? StopReason.MAPS_KEPT : StopReason.NO_MAP_KEPT);
            assertThat(e.modelEvaluations()).as("IG passes of two maps plus 400 tested weights")
                    .isGreaterThan(2L * (2 * IG.baselines().igSteps() + 2));
            if (e.satisfied()) {
                assertThat(e.after()[e.trueClass()]).as(e.summary()).isLessThan(e.before()[e.trueClass()]);
                assertThat(e.after()[e.probeClass()]).as(e.summary()).isGreaterThan(e.before()[e.probeClass()]);
            }
        }
        assertThat(out).as("the tiny classifier's IG maps answer at least one question")
                .anyMatch(Explanation::satisfied);
    }

    @Test
    void aModelThatIgnoresItsInputGetsAnHonestEmptyAnswer() {
        RegionModel blind = new RegionModel(28, 0, 0, 4, 0f, 0f);
        Explanation e = new Explainer(blind, generator, IG, Device.cpu()).explain(Question.of(digits, 0, 0, 1));
        assertThat(e.satisfied()).isFalse();
        assertThat(e.stop()).isEqualTo(StopReason.NO_MAP_KEPT);
        assertThat(e.mapsKept()).isZero();
        assertThat(e.difference()).containsOnly(0f);
        assertThat(e.probeSide()).containsExactly(e.input());
    }

    @Test
    void theWeightsAreThePapers() {
        double[] w = ContrastiveAdaptation.weights(SolverSettings.defaults());
        assertThat(w).hasSize(400);
        assertThat(w[0]).isCloseTo(0.005, within(1e-12));
        assertThat(w[399]).isCloseTo(2.0, within(1e-9));
    }
}
