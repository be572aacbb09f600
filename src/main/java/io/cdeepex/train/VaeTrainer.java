package io.cdeepex.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
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
 * Trains the convolutional VAE ({@code vae64-encoder} + {@code vae64-decoder}) with DJL's {@link Trainer} and
 * Adam on the classifier's training data (resized to 64x64, artefact planted on its class). The decoder is the
 * generator; the encoder gives inversion a starting point. Prints one progress line per epoch.
 */
public final class VaeTrainer {
    public static final String ENCODER_ARCHITECTURE = "vae64-encoder";
    public static final String DECODER_ARCHITECTURE = "vae64-decoder";

    private final VaeTrainingOptions options;
    private final PrintStream progress;

    public VaeTrainer(VaeTrainingOptions options, PrintStream progress) {
        options.validate();
        this.options = options;
        this.progress = progress;
    }

    /**
     * Trains on {@code trainSet} (native size; resized and planted here) and reports after every epoch the
     * reconstruction error on the first {@value GeneratorTrainingRun#HELD_OUT_IMAGES} images of {@code heldOut}
     * (prepared the same way, as the card's metric is; only measured, never used to select).
     */
    public TrainedGenerator train(ImageSet trainSet, ImageSet heldOut) {
        ModelCard card = newCard();
        // Checked before any data is prepared: a mismatched starting model is an error in seconds.
        WarmStart warmStart = options.initFrom == null ? null : WarmStart.of(options.initFrom, card);
        Engine.getInstance().setRandomSeed((int) options.seed);
        Random rng = new Random(options.seed);
        int size = options.imageSize;
        TrainingImages images = new TrainingImages(trainSet, size, size, options.plant, 0).withMixing(options.mixing);
        int[] first = new int[Math.min(GeneratorTrainingRun.HELD_OUT_IMAGES, heldOut.size())];
        for (int i = 0; i < first.length; i++) first[i] = i;
        ImageSet heldOutPrepared = new TrainingImages(heldOut.subset(first), size, size, options.plant, 0).prepared();

        VaeBlock vae = new VaeBlock(Architectures.build(ENCODER_ARCHITECTURE, card),
                Architectures.build(DECODER_ARCHITECTURE, card), options.latentSize);
        Model vaeModel =
                options.device == null ? Model.newInstance("vae64") : Model.newInstance("vae64", options.device);
        vaeModel.setBlock(vae);
        if (warmStart != null) {
            try {
                warmStart.loadInto(vae.decoder(), false, vaeModel.getNDManager());
                warmStart.loadInto(vae.encoder(), true, vaeModel.getNDManager());
            } catch (RuntimeException e) {
                vaeModel.close();
                throw e;
            }
            if (progress != null)
                progress.println("starting from the weights of " + options.initFrom + " " + warmStart.record());
        }
        DefaultTrainingConfig config = new DefaultTrainingConfig(new VaeLoss(options.beta))
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate)).build());
        long start = System.nanoTime();
        List<Double> epochLosses = new ArrayList<>();
        TrainedGenerator result = new TrainedGenerator(vaeModel, vae.decoder(), vae.encoder(), card, epochLosses);
        try (Trainer trainer = vaeModel.newTrainer(config)) {
            trainer.initialize(new Shape(options.batchSize, images.channels(), size, size));
            for (int epoch = 1; epoch <= options.epochs; epoch++) {
                long epochStart = System.nanoTime();
                int[] order = TrainingImages.shuffled(images.size(), rng);
                double lossSum = 0;
                double bceSum = 0;
                double klSum = 0;
                int batch = 0;
                int steps = (images.size() + options.batchSize - 1) / options.batchSize;
                for (int from = 0; from < images.size(); from += options.batchSize) {
                    int to = Math.min(images.size(), from + options.batchSize);
                    try (NDManager scope = trainer.getManager().newSubManager()) {
                        NDArray x = images.batch(scope, order, from, to, rng);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            NDArray[] parts = VaeLoss.parts(x, out);
                            NDArray loss = parts[0].add(parts[1].mul(options.beta)).mean();
                            collector.backward(loss);
                            lossSum += loss.getFloat() * (to - from);
                            bceSum += parts[0].sum().getFloat();
                            klSum += parts[1].sum().getFloat();
                        }
                        trainer.step();
                    }
                    batch++;
                    if (progress != null
                            && options.progressEvery > 0
                            && batch % options.progressEvery == 0
                            && batch < steps) {
                        double seconds = (System.nanoTime() - epochStart) / 1e9;
                        progress.println(String.format(
                                Locale.ROOT,
                                "  epoch %d/%d  batch %d/%d  running loss %.2f  %.0f images/s",
                                epoch,
                                options.epochs,
                                batch,
                                steps,
                                lossSum / to,
                                to / seconds));
                    }
                }
                double heldOutError = result.reconstructionError(heldOutPrepared);
                int n = images.size();
                epochLosses.add(lossSum / n);
                if (progress != null) {
                    progress.println(String.format(Locale.ROOT,
                            "epoch %d/%d  loss %.2f  bce %.2f  kl %.2f  held-out-mse %.5f  %.1f s", epoch,
                            options.epochs, lossSum / n, bceSum / n, klSum / n, heldOutError,
                            (System.nanoTime() - epochStart) / 1e9));
                }
                if (epoch == options.epochs) {
                    card.training = trainingRecord(
                            trainSet, lossSum / n, bceSum / n, klSum / n, (System.nanoTime() - start) / 1e9);
                    if (warmStart != null) card.training.put("initialisedFrom", warmStart.record());
                }
            }
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return result;
    }

    private ModelCard newCard() {
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.generator;
        card.format = ModelCard.Format.djl;
        card.architecture = DECODER_ARCHITECTURE;
        card.outputShape = List.of(1, options.imageSize, options.imageSize);
        card.latentSize = options.latentSize;
        card.encoderArchitecture = ENCODER_ARCHITECTURE;
        card.plant = options.plant == null ? null : options.plant.toString();
        return card;
    }

    private Map<String, Object> trainingRecord(
            ImageSet trainSet, double loss, double bce, double kl, double wallSeconds) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", "vae");
        t.put("dataset", options.dataset);
        t.put("trainSet", trainSet.name());
        t.put("trainImages", trainSet.size());
        t.put("seed", options.seed);
        t.put("epochs", options.epochs);
        t.put("batch", options.batchSize);
        t.put("lr", Double.parseDouble(Float.toString(options.learningRate)));  // 0.001, not 0.0010000000474974513
        t.put("optimizer", "adam");
        t.put("loss", "bce summed over pixels + beta * KL");
        t.put("beta", Double.parseDouble(Float.toString(options.beta)));
        t.put("mixing", options.mixing.describe());
        t.put("finalLoss", Math.round(loss * 100) / 100.0);
        t.put("finalBce", Math.round(bce * 100) / 100.0);
        t.put("finalKl", Math.round(kl * 100) / 100.0);
        t.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
        return t;
    }

}
