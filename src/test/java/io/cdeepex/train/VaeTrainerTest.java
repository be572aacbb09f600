package io.cdeepex.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VaeTrainerTest {

    private static ImageSet samples(int n) {
        ImageSet all = Datasets.load("mnist-samples");
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i * (all.size() / n);
        return all.subset(idx);
    }

    private static VaeTrainingOptions tiny() {
        VaeTrainingOptions o = new VaeTrainingOptions();
        o.latentSize = 8;
        o.epochs = 3;
        o.batchSize = 20;
        o.seed = 3;
        return o;
    }

    @Test
    void aFewEpochsReduceTheLoss() {
        VaeTrainingOptions o = tiny();
        o.progressEvery = 2;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (TrainedGenerator g =
                new VaeTrainer(o, new java.io.PrintStream(out, true)).train(samples(60), samples(20))) {
            assertThat(out.toString()).contains("  epoch 1/3  batch 2/3  running loss").contains("images/s")
                    .contains("epoch 3/3  loss");
            assertThat(g.epochLosses()).hasSize(3);
            // An untrained decoder outputs ~0.5 everywhere: BCE about 4096 * ln 2 = 2839 nats per image.
            assertThat(g.epochLosses().get(0)).isGreaterThan(500);
            assertThat(g.epochLosses().get(2)).isLessThan(g.epochLosses().get(0) * 0.8);
        }
    }

    @Test
    void savedGeneratorReloadsThroughItsCardWithIdenticalOutputs(@TempDir Path dir) throws Exception {
        VaeTrainingOptions o = tiny();
        o.epochs = 1;
        o.plant = PlantSpec.parse("square:class=8,x=0,y=0,size=6,value=0.5");
        ImageSet test = samples(50);
        try (TrainedGenerator trained = new VaeTrainer(o, null).train(samples(60), test);
             NDManager m = NDManager.newBaseManager()) {
            ModelCard written = GeneratorTrainingRun.saveAndMeasure(
                    trained, test, o.plant, dir, "cdeepex train generator ...", m.getDevice(), null);
            ModelCard card = ModelCards.read(dir);
            assertThat(card.kind).isEqualTo(ModelCard.Kind.generator);
            assertThat(card.architecture).isEqualTo("vae64-decoder");
            assertThat(card.file).isEqualTo("vae64-decoder-0000.params");
            assertThat(card.encoder).isEqualTo("vae64-encoder-0000.params");
            assertThat(card.encoderArchitecture).isEqualTo("vae64-encoder");
            assertThat(card.outputShape).containsExactly(1, 64, 64);
            assertThat(card.latentSize).isEqualTo(8);
            assertThat(card.plant).isEqualTo(o.plant.toString());
            assertThat(card.training).containsEntry("epochs", 1).containsEntry("seed", 3).containsKey("wallSeconds");
            assertThat(card.metrics).containsEntry("heldOutImages", 50).containsKey("reconstructionMse");
            assertThat(written.metrics).isEqualTo(card.metrics);

            NDArray z = m.randomNormal(new Shape(4, 8));
            ImageSet at64 = new TrainingImages(test, 64, 64, o.plant, 0).prepared();
            NDArray x = at64.toNDArray(m, 0, 4);
            float[] before = trained.generate(z).toFloatArray();
            float[] meansBefore = trained.encodeMean(x).toFloatArray();
            try (Generator loaded = ModelLoader.loadGenerator(dir, m.getDevice())) {
                assertThat(loaded.generate(z).toFloatArray()).containsExactly(before, within(0f));
                assertThat(loaded.encoder().orElseThrow().encode(x).toFloatArray())
                        .containsExactly(meansBefore, within(0f));
            }
        }
    }

    @Test
    void initStartsFromTheSavedDecoderAndEncoder(@TempDir Path first, @TempDir Path other) throws Exception {
        ImageSet test = samples(20);
        VaeTrainingOptions o = tiny();
        double firstLoss;
        try (TrainedGenerator trained = new VaeTrainer(o, null).train(samples(60), test);
             NDManager m = NDManager.newBaseManager()) {
            GeneratorTrainingRun.saveAndMeasure(
                    trained, test, null, first, "cdeepex train generator ...", m.getDevice(), null);
            firstLoss = trained.epochLosses().get(0);
        }
        VaeTrainingOptions on = tiny();
        on.epochs = 1;
        on.initFrom = first;
        try (TrainedGenerator warm = new VaeTrainer(on, null).train(samples(60), test)) {
            // The fresh run's first epoch (same seed) starts from ~2,800 nats; the warm start from where it ended.
            assertThat(warm.epochLosses().get(0)).isLessThan(firstLoss * 0.8);
            assertThat(warm.card().training).containsKey("initialisedFrom");
        }

        VaeTrainingOptions wider = tiny();
        wider.latentSize = 4;
        wider.initFrom = first;
        assertThatThrownBy(() -> new VaeTrainer(wider, null).train(samples(60), test))
                .hasMessageContaining("field 'latentSize'").hasMessageContaining("expected 4, found 8");
    }

    private static double f(TrainedGenerator g, NDManager m, float[] z, NDArray w) {
        return g.generate(m.create(z, new Shape(1, z.length))).mul(w).sum().getFloat();
    }

    /** Bilinear upsampling is a LambdaBlock: the latent gradient through the decoder must match finite differences. */
    @Test
    void latentGradientsFlowThroughTheUpsamplingDecoder() {
        VaeTrainingOptions o = tiny();
        o.epochs = 1;
        try (TrainedGenerator g = new VaeTrainer(o, null).train(samples(20), samples(10));
             NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.randomNormal(new Shape(1, 8));
            NDArray w = m.randomNormal(new Shape(1, 1, 64, 64));
            z.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(g.generate(z).mul(w).sum());
            }
            float[] grad = z.getGradient().toFloatArray();
            float[] zv = z.toFloatArray();
            // Small steps: the decoder is piecewise linear (ReLU) with a sigmoid; wide steps straddle kinks
            // (measured: differences converge on the gradient as the step shrinks, 1e-1 -> 3e-4). Compared as
            // vectors (cosine) and along the gradient direction, which average out single-kink noise.
            double eps = 3e-4;
            double[] fd = new double[8];
            for (int i = 0; i < 8; i++) {
                float[] plus = zv.clone();
                float[] minus = zv.clone();
                plus[i] += (float) eps;
                minus[i] -= (float) eps;
                fd[i] = (f(g, m, plus, w) - f(g, m, minus, w)) / (2 * eps);
            }
            double dot = 0, gg = 0, ff = 0;
            for (int i = 0; i < 8; i++) {
                dot += grad[i] * fd[i];
                gg += grad[i] * grad[i];
                ff += fd[i] * fd[i];
            }
            assertThat(Math.sqrt(gg)).as("gradient norm").isGreaterThan(1e-3);
            assertThat(dot / Math.sqrt(gg * ff)).as("cosine(gradient, finite differences)").isGreaterThan(0.99);
            float[] plus = zv.clone();
            float[] minus = zv.clone();
            double norm = Math.sqrt(gg);
            for (int i = 0; i < 8; i++) {
                plus[i] += (float) (eps * grad[i] / norm);
                minus[i] -= (float) (eps * grad[i] / norm);
            }
            double directional = (f(g, m, plus, w) - f(g, m, minus, w)) / (2 * eps);
            assertThat(directional).as("derivative along the gradient").isCloseTo(norm, within(0.03 * norm));
        }
    }
}
