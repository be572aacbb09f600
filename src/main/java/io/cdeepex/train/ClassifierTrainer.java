package io.cdeepex.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.cdeepex.data.ImageSet;
import io.cdeepex.model.Architectures;
import io.cdeepex.model.ModelCard;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a classifier of a registered architecture with DJL's {@link Trainer}: softmax cross-entropy, Adam
 * (optionally cosine-decayed), seeded initialisation, shuffles and augmentation, and the planted artefact on
 * the training images of its class. Prints one progress line per epoch.
 */
public final class ClassifierTrainer {
    private final ClassifierTrainingOptions options;
    private final PrintStream progress;

    public ClassifierTrainer(ClassifierTrainingOptions options, PrintStream progress) {
        options.validate();
        this.options = options;
        this.progress = progress;
    }

    /**
     * Trains on {@code trainSet} (native size; resized, augmented and planted here) and reports the accuracy
     * on {@code heldOut} (native size; resized and planted the same way, never augmented) after every epoch.
     * The held-out set only measures; it never selects a model.
     */
    public TrainedClassifier train(ImageSet trainSet, ImageSet heldOut) {
        ModelCard card = newCard(trainSet);
        Engine.getInstance().setRandomSeed((int) options.seed);
        Random rng = new Random(options.seed);
        TrainingImages images = new TrainingImages(trainSet, options.inputHeight, options.inputWidth, options.plant,
                options.maxShift, options.maxRotation, options.maxScale);
        ImageSet heldOutPrepared = new TrainingImages(heldOut, options.inputHeight, options.inputWidth, options.plant, 0)
                .prepared();

        Block block = Architectures.build(options.architecture, card);
        Model model = options.device == null ? Model.newInstance(options.architecture) : Model.newInstance(options.architecture, options.device);
        model.setBlock(block);
        int stepsPerEpoch = (images.size() + options.batchSize - 1) / options.batchSize;
        Tracker lr = options.cosineSchedule
                ? Tracker.cosine().setBaseValue(options.learningRate).optFinalValue(options.learningRate * 0.01f)
                        .setMaxUpdates(stepsPerEpoch * options.epochs).build()
                : Tracker.fixed(options.learningRate);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
        List<EpochStats> history = new ArrayList<>();
        long start = System.nanoTime();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(options.batchSize, images.channels(), options.inputHeight, options.inputWidth));
            for (int epoch = 1; epoch <= options.epochs; epoch++) {
                long epochStart = System.nanoTime();
                int[] order = TrainingImages.shuffled(images.size(), rng);
                double lossSum = 0;
                long correct = 0;
                for (int from = 0; from < images.size(); from += options.batchSize) {
                    int to = Math.min(images.size(), from + options.batchSize);
                    // Every batch's arrays (inputs, activations, loss) live in this scope and die with it.
                    try (NDManager scope = trainer.getManager().newSubManager()) {
                        NDArray x = images.batch(scope, order, from, to, rng);
                        NDArray y = images.labels(scope, order, from, to);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(x)).head();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                            collector.backward(loss);
                            lossSum += loss.getFloat() * (to - from);
                            correct += logits.argMax(1).toType(y.getDataType(), false).eq(y).sum().getLong();
                        }
                        trainer.step();
                    }
                }
                int[] heldOutPredictions = BlockInference.predict(block, trainer.getManager(), heldOutPrepared, 256);
                EpochStats stats = new EpochStats(epoch, lossSum / images.size(), (double) correct / images.size(),
                        ClassifierMetrics.accuracy(heldOutPredictions, heldOutPrepared.labels()),
                        (System.nanoTime() - epochStart) / 1e9);
                history.add(stats);
                if (progress != null) progress.println(stats.line(options.epochs));
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        card.training = trainingRecord(trainSet, history, wallSeconds);
        return new TrainedClassifier(model, card, history, wallSeconds);
    }

    private String augmentation() {
        List<String> parts = new ArrayList<>();
        if (options.maxShift > 0) parts.add("shift +-" + options.maxShift + " px");
        if (options.maxRotation > 0) parts.add("rotation +-" + options.maxRotation + " deg");
        if (options.maxScale > 0) parts.add("scale +-" + Math.round(options.maxScale * 100) + "%");
        return parts.isEmpty() ? "none" : String.join(", ", parts) + " (random, at native size, before resize and plant)";
    }

    private ModelCard newCard(ImageSet trainSet) {
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.classifier;
        card.format = ModelCard.Format.djl;
        card.architecture = options.architecture;
        card.inputShape = List.of(trainSet.channels(), options.inputHeight, options.inputWidth);
        card.classNames = trainSet.classNames().isEmpty() ? defaultClassNames(trainSet) : trainSet.classNames();
        card.plant = options.plant == null ? null : options.plant.toString();
        return card;
    }

    private static List<String> defaultClassNames(ImageSet set) {
        int max = 0;
        for (int label : set.labels()) max = Math.max(max, label);
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) names.add(Integer.toString(c));
        return names;
    }

    private Map<String, Object> trainingRecord(ImageSet trainSet, List<EpochStats> history, double wallSeconds) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("dataset", options.dataset);
        t.put("trainSet", trainSet.name());
        t.put("trainImages", trainSet.size());
        t.put("seed", options.seed);
        t.put("epochs", options.epochs);
        t.put("batch", options.batchSize);
        t.put("lr", Double.parseDouble(Float.toString(options.learningRate)));  // 0.001, not 0.0010000000474974513
        t.put("lrSchedule", options.cosineSchedule ? "cosine to 1%" : "constant");
        t.put("optimizer", "adam");
        t.put("loss", "softmax cross-entropy");
        t.put("augmentation", augmentation());
        EpochStats last = history.get(history.size() - 1);
        t.put("finalLoss", ClassifierMetrics.round(last.loss()));
        t.put("finalTrainAccuracy", ClassifierMetrics.round(last.trainAccuracy()));
        t.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
        return t;
    }
}
