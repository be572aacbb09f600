package io.cdeepex.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.model.ModelCard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WganTrainerTest {

    private static WganTrainingOptions tiny() {
        WganTrainingOptions o = new WganTrainingOptions();
        o.latentSize = 8;
        o.batchSize = 16;
        o.learningRate = 1e-3f;
        o.seed = 5;
        return o;
    }

    private static ModelCard card(WganTrainingOptions o) {
        ModelCard card = new ModelCard();
        card.latentSize = o.latentSize;
        return card;
    }

    @Test
    void criticStepsWidenTheRealFakeGapAndClippingHolds() {
        WganTrainingOptions o = tiny();
        Engine.getInstance().setRandomSeed(5);
        ImageSet samples = new TrainingImages(Datasets.load("mnist-samples"), 64, 64, null, 0).prepared();
        try (WganTrainer.Networks nets = new WganTrainer.Networks(o, card(o));
             NDManager m = nets.manager().newSubManager()) {
            NDArray real = samples.toNDArray(m, 0, 16);
            NDArray z = m.randomNormal(new Shape(16, 8));
            double before = nets.gap(real, z);
            for (int i = 0; i < 10; i++) nets.criticStep(real);
            double after = nets.gap(real, z);
            assertThat(after).as("critic's real-vs-fake gap after 10 steps").isGreaterThan(before + 1e-4);
            for (Parameter p : nets.criticParameters()) {
                float maxAbs = p.getArray().abs().max().getFloat();
                assertThat(maxAbs).as("|%s| after clipping", p.getName()).isLessThanOrEqualTo(o.clip);
            }
        }
    }

    @Test
    void aGeneratorStepLeavesNoGradientInTheCritic() {
        WganTrainingOptions o = tiny();
        try (WganTrainer.Networks nets = new WganTrainer.Networks(o, card(o));
             NDManager m = nets.manager().newSubManager()) {
            nets.generatorStep(8);
            for (Parameter p : nets.criticParameters()) {
                assertThat(p.getArray().getGradient().abs().max().getFloat())
                        .as("gradient of %s", p.getName())
                        .isZero();
            }
        }
    }

    @Test
    void handRmsPropMatchesTheHandComputedUpdate() {
        float lr = 0.01f;
        try (NDManager m = NDManager.newBaseManager(); HandRmsProp rms = new HandRmsProp(m, lr)) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            NDArray w = m.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            p.setArray(w);
            NDArray coefficients = m.create(new float[] {3f, 4f});
            double[] expected = {1, -2};
            double[] v = {0, 0};
            for (int step = 0; step < 3; step++) {
                try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    c.backward(w.mul(coefficients).sum());  // gradient (3, 4) every step
                }
                rms.step(List.of(p));
                double[] g = {3, 4};
                for (int i = 0; i < 2; i++) {
                    v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i];
                    expected[i] -= lr * g[i] / (Math.sqrt(v[i]) + 1e-8);
                }
                float[] actual = p.getArray().toFloatArray();
                assertThat(actual[0]).as("w0 after step %d", step + 1).isCloseTo((float) expected[0], within(1e-5f));
                assertThat(actual[1]).as("w1 after step %d", step + 1).isCloseTo((float) expected[1], within(1e-5f));
                assertThat(p.getArray().getGradient().toFloatArray()).as("gradient zeroed").containsExactly(0f, 0f);
            }
            // First step: v = 0.01 g^2, so the update is lr * g / (0.1 |g|) = 10 lr per element.
            assertThat(rms.meanSquareOf(p).toFloatArray()[0]).isCloseTo((float) v[0], within(1e-5f));
        }
    }

    @Test
    void aTrainedWganSavesReloadsIdenticallyAndRecordsASearchedReconstructionError(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        WganTrainingOptions o = tiny();
        o.epochs = 2;
        ImageSet samples = Datasets.load("mnist-samples");
        int[] idx = new int[32];
        for (int i = 0; i < idx.length; i++) idx[i] = i * 15;
        ImageSet train = samples.subset(idx);
        try (TrainedGenerator trained = new WganTrainer(o, null).train(train, samples.subset(new int[] {1, 2, 3, 4}));
             NDManager m = NDManager.newBaseManager()) {
            assertThat(trained.epochLosses()).hasSize(2);
            ModelCard card = GeneratorTrainingRun.saveAndMeasure(
                    trained,
                    samples.subset(new int[] {1, 2, 3, 4}),
                    null,
                    dir,
                    "cdeepex train generator --kind wgan ...",
                    m.getDevice(),
                    null,
                    20,
                    1);
            assertThat(card.file).isEqualTo("wgan64-generator-0000.params");
            assertThat(card.encoder).isNull();
            assertThat(card.metrics).containsEntry("heldOutImages", 4).containsKey("reconstructionMse");
            assertThat((String) card.metrics.get("reconstructionMethod")).contains("Adam").contains("20 steps");
            NDArray z = m.randomNormal(new Shape(3, 8));
            float[] before = trained.generate(z).toFloatArray();
            try (io.cdeepex.model.Generator loaded = io.cdeepex.model.ModelLoader.loadGenerator(dir, m.getDevice())) {
                assertThat(loaded.generate(z).toFloatArray()).containsExactly(before, within(0f));
                assertThat(loaded.encoder()).isEmpty();
            }
        }
    }
}
