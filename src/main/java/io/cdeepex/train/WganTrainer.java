package io.cdeepex.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.cdeepex.data.ImageSet;
import io.cdeepex.model.Architectures;
import io.cdeepex.model.ModelCard;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains a Wasserstein GAN (Arjovsky, Chintala, Bottou 2017): {@code wgan64-generator} (upsampling + convolution,
 * sigmoid output) against {@code wgan64-critic}, the critic maximising {@code mean C(real) - mean C(G(z))} with
 * its weights clipped to {@code [-clip, clip]}, {@code n_critic} critic steps per generator step, and RMSProp
 * written by hand ({@link HandRmsProp}; the engine has none) for both networks.
 *
 * <p>Gradients: fakes for the critic step are generated outside any gradient collector, so the generator gets
 * none; the generator step back-propagates through the critic, which fills the critic's gradients too, so those
 * are zeroed right after. Only one collector is open at a time.
 */
public final class WganTrainer {
    public static final String GENERATOR_ARCHITECTURE = "wgan64-generator";
    public static final String CRITIC_ARCHITECTURE = "wgan64-critic";

    private final WganTrainingOptions options;
    private final PrintStream progress;

    public WganTrainer(WganTrainingOptions options, PrintStream progress) {
        options.validate();
        this.options = options;
        this.progress = progress;
    }

    /** Trains on {@code trainSet} (native size; resized and planted here); reports the critic's estimate per epoch. */
    public TrainedGenerator train(ImageSet trainSet, ImageSet heldOut) {
        Engine.getInstance().setRandomSeed((int) options.seed);
        Random rng = new Random(options.seed);
        int size = options.imageSize;
        TrainingImages images = new TrainingImages(trainSet, size, size, options.plant, 0).withMixing(options.mixing);
        ImageSet heldOutPrepared = new TrainingImages(heldOut.subset(firstIndices(Math.min(256, heldOut.size()))), size,
                size, options.plant, 0).prepared();
        ModelCard card = newCard();
        Networks nets = new Networks(options, card);
        long start = System.nanoTime();
        int generatorSteps = 0;
        try {
            int[] order = TrainingImages.shuffled(images.size(), rng);
            int cursor = 0;
            List<Double> estimates = new ArrayList<>();
            for (int epoch = 1; epoch <= options.epochs; epoch++) {
                long epochStart = System.nanoTime();
                int batchesPerEpoch = images.size() / options.batchSize;
                int criticBatches = 0;
                double estimateSum = 0;
                double generatorLossSum = 0;
                int generatorStepsThisEpoch = 0;
                while (criticBatches < batchesPerEpoch) {
                    boolean warmup = generatorSteps < 25 || generatorSteps % 500 == 0;
                    int nCritic = warmup ? options.warmupCriticSteps : options.criticSteps;
                    for (int t = 0; t < nCritic && criticBatches < batchesPerEpoch; t++) {
                        if (cursor + options.batchSize > images.size()) {
                            order = TrainingImages.shuffled(images.size(), rng);
                            cursor = 0;
                        }
                        try (NDManager scope = nets.manager().newSubManager()) {
                            NDArray real = images.batch(scope, order, cursor, cursor + options.batchSize, rng);
                            estimateSum += nets.criticStep(real);
                        }
                        cursor += options.batchSize;
                        criticBatches++;
                    }
                    generatorLossSum += nets.generatorStep(options.batchSize);
                    generatorSteps++;
                    generatorStepsThisEpoch++;
                }
                double heldOutEstimate = nets.estimate(heldOutPrepared);
                estimates.add(estimateSum / criticBatches);
                if (progress != null) {
                    progress.println(String.format(
                            Locale.ROOT,
                            "epoch %d/%d  critic-estimate %.5f  generator-loss %.5f  held-out-estimate %.5f "
                                    + " generator-steps %d  %.1f s",
                            epoch,
                            options.epochs,
                            estimateSum / criticBatches,
                            generatorLossSum / generatorStepsThisEpoch,
                            heldOutEstimate,
                            generatorSteps,
                            (System.nanoTime() - epochStart) / 1e9));
                }
            }
            card.training = trainingRecord(trainSet, generatorSteps, (System.nanoTime() - start) / 1e9);
            return nets.release(card, estimates);
        } catch (RuntimeException e) {
            nets.close();
            throw e;
        }
    }

    private ModelCard newCard() {
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.generator;
        card.format = ModelCard.Format.djl;
        card.architecture = GENERATOR_ARCHITECTURE;
        card.outputShape = List.of(1, options.imageSize, options.imageSize);
        card.latentSize = options.latentSize;
        card.plant = options.plant == null ? null : options.plant.toString();
        return card;
    }

    private Map<String, Object> trainingRecord(ImageSet trainSet, int generatorSteps, double wallSeconds) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", "wgan");
        t.put("dataset", options.dataset);
        t.put("trainSet", trainSet.name());
        t.put("trainImages", trainSet.size());
        t.put("seed", options.seed);
        t.put("epochs", options.epochs);
        t.put("batch", options.batchSize);
        t.put("lr", Double.parseDouble(Float.toString(options.learningRate)));  // 0.001, not 0.0010000000474974513
        t.put("optimizer", "rmsprop (hand-written; rho 0.99, eps 1e-8)");
        t.put("clip", Double.parseDouble(Float.toString(options.clip)));
        t.put("nCritic", options.criticSteps);
        t.put("mixing", options.mixing.describe());
        t.put("warmupCriticSteps", options.warmupCriticSteps + " for the first 25 generator steps and every 500th");
        t.put("generatorSteps", generatorSteps);
        t.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
        return t;
    }

    private static int[] firstIndices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    /** Generator, critic, their optimisers and the single-step mechanics (package-private for tests). */
    static final class Networks implements AutoCloseable {
        private final WganTrainingOptions options;
        private final Model generatorModel;
        private final Model criticModel;
        private final Block generator;
        private final Block critic;
        private final List<Parameter> generatorParameters;
        private final List<Parameter> criticParameters;
        private final HandRmsProp generatorOptimizer;
        private final HandRmsProp criticOptimizer;
        private boolean released;

        Networks(WganTrainingOptions options, ModelCard card) {
            this.options = options;
            generatorModel = options.device == null ? Model.newInstance("wgan-generator")
                    : Model.newInstance("wgan-generator", options.device);
            criticModel = options.device == null ? Model.newInstance("wgan-critic")
                    : Model.newInstance("wgan-critic", options.device);
            generator = Architectures.build(GENERATOR_ARCHITECTURE, card);
            critic = Architectures.build(CRITIC_ARCHITECTURE, card);
            generatorModel.setBlock(generator);
            criticModel.setBlock(critic);
            generator.initialize(
                    generatorModel.getNDManager(), DataType.FLOAT32, new Shape(options.batchSize, options.latentSize));
            critic.initialize(criticModel.getNDManager(), DataType.FLOAT32,
                    new Shape(options.batchSize, 1, options.imageSize, options.imageSize));
            generatorParameters = trainable(generator);
            criticParameters = trainable(critic);
            WeightClipping.clip(criticParameters, options.clip, criticModel.getNDManager());
            generatorOptimizer = new HandRmsProp(generatorModel.getNDManager(), options.learningRate);
            criticOptimizer = new HandRmsProp(criticModel.getNDManager(), options.learningRate);
        }

        NDManager manager() { return generatorModel.getNDManager(); }
        Block generator() { return generator; }
        Block critic() { return critic; }
        List<Parameter> criticParameters() { return criticParameters; }

        /**
         * One critic update on a real batch: minimise {@code mean C(fake) - mean C(real)}, RMSProp, clip.
         *
         * @return the critic's Wasserstein estimate {@code mean C(real) - mean C(fake)} before the update
         */
        float criticStep(NDArray real) {
            try (NDManager scope = real.getManager().newSubManager()) {
                int n = (int) real.getShape().get(0);
                // Outside a collector: no graph through the generator, so it gets no gradient from this step.
                NDArray fake = forward(generator, scope.randomNormal(new Shape(n, options.latentSize)), true);
                float estimate;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = forward(critic, fake, true).mean().sub(forward(critic, real, true).mean());
                    collector.backward(loss);
                    estimate = -loss.getFloat();
                }
                criticOptimizer.step(criticParameters);
                WeightClipping.clip(criticParameters, options.clip, scope);
                return estimate;
            }
        }

        /**
         * One generator update: minimise {@code -mean C(G(z))}; the critic's gradients that this fills are zeroed.
         *
         * @return the generator loss before the update
         */
        float generatorStep(int batchSize) {
            try (NDManager scope = manager().newSubManager()) {
                float loss;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray fake =
                            forward(generator, scope.randomNormal(new Shape(batchSize, options.latentSize)), true);
                    NDArray l = forward(critic, fake, true).mean().neg();
                    collector.backward(l);
                    loss = l.getFloat();
                }
                generatorOptimizer.step(generatorParameters);
                zeroGradients(criticParameters, scope);
                return loss;
            }
        }

        /** The critic's estimate {@code mean C(real) - mean C(G(z))} on a set, without any update. */
        double estimate(ImageSet set) {
            try (NDManager scope = manager().newSubManager()) {
                return gap(
                        set.toNDArray(scope, 0, set.size()),
                        scope.randomNormal(new Shape(set.size(), options.latentSize)));
            }
        }

        /** {@code mean C(real) - mean C(G(z))} for given reals and latent codes, evaluation mode, no update. */
        double gap(NDArray real, NDArray z) {
            try (NDManager scope = real.getManager().newSubManager()) {
                NDArray fake = forward(generator, z, false);
                fake.attach(scope);
                NDArray cReal = forward(critic, real, false).mean();
                NDArray cFake = forward(critic, fake, false).mean();
                cReal.attach(scope);
                return cReal.getFloat() - cFake.getFloat();
            }
        }

        private static NDArray forward(Block block, NDArray input, boolean training) {
            return block.forward(new ParameterStore(input.getManager(), false), new NDList(input), training).head();
        }

        /** Hands the generator (and its model) to a {@link TrainedGenerator}; the critic is closed. */
        TrainedGenerator release(ModelCard card, List<Double> estimates) {
            released = true;
            generatorOptimizer.close();
            criticOptimizer.close();
            criticModel.close();
            return new TrainedGenerator(generatorModel, generator, null, card, estimates);
        }

        @Override
        public void close() {
            if (released) return;
            generatorOptimizer.close();
            criticOptimizer.close();
            criticModel.close();
            generatorModel.close();
        }

        private static List<Parameter> trainable(Block block) {
            List<Parameter> out = new ArrayList<>();
            for (var pair : block.getParameters()) {
                if (pair.getValue().requiresGradient()) out.add(pair.getValue());
            }
            return out;
        }

        static void zeroGradients(List<Parameter> parameters, NDManager scope) {
            for (Parameter p : parameters) {
                NDArray g = p.getArray().getGradient();
                g.attach(scope);
                g.subi(g);
            }
        }
    }
}
