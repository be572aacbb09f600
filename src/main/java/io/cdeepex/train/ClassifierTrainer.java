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

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains a classifier of a registered architecture with DJL's {@link Trainer}: softmax cross-entropy, Adam
 * (optionally cosine-decayed), seeded initialisation, shuffles and augmentation, and the planted artefact on
 * the training images of its class. Prints one progress line per epoch and one every
 * {@link ClassifierTrainingOptions#progressEvery} batches. With a checkpoint directory it saves a
 * {@link ClassifierCheckpoint} after every epoch and can resume from it.
 *
 * <p>Every epoch draws its shuffle, augmentation and dropout from seeds of its own ({@code seed} and the epoch
 * number), so a resumed run sees the same data order as an uninterrupted one; what a resume loses is Adam's
 * moments, which restart from zero (said in the progress output and the card).
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
     * The held-out set only measures; it never selects a model. Stops early (with a checkpoint) after
     * {@link ClassifierTrainingOptions#stopAfterEpoch}: then the history is shorter than {@code epochs}.
     *
     * @throws ClassifierCheckpoint.FinishedRunException on resume of a run that already wrote its model directory
     */
    public TrainedClassifier train(ImageSet trainSet, ImageSet heldOut) {
        int[] size = options.inputSize();
        ModelCard card = newCard(trainSet, size);
        Map<String, Object> recipe = recipe(trainSet, card);
        // Checked before any data is prepared: a mismatched starting model is an error in seconds, not after an epoch.
        WarmStart warmStart = options.initFrom == null ? null : WarmStart.of(options.initFrom, card);
        ClassifierCheckpoint resumed =
                options.resume ? ClassifierCheckpoint.forResume(options.checkpointDir, recipe) : null;
        if (!options.resume && options.checkpointDir != null) warnIfUnfinishedRunIsOverwritten();
        TrainingImages images = new TrainingImages(trainSet, size[0], size[1], options.plant,
                options.maxShift, options.maxRotation, options.maxScale);
        ImageSet heldOutPrepared = new TrainingImages(heldOut, size[0], size[1], options.plant, 0).prepared();
        int stepsPerEpoch = (images.size() + options.batchSize - 1) / options.batchSize;
        int firstEpoch = resumed == null ? 1 : resumed.epochsDone() + 1;
        List<EpochStats> history = new ArrayList<>(resumed == null ? List.of() : resumed.history());
        List<Integer> resumedAfter = new ArrayList<>(resumed == null ? List.of() : resumed.resumedAfter());
        double earlierSeconds = resumed == null ? 0 : resumed.wallSeconds();

        Engine.getInstance().setRandomSeed((int) options.seed);
        Block block = Architectures.build(options.architecture, card);
        Model model = options.device == null
                ? Model.newInstance(options.architecture)
                : Model.newInstance(options.architecture, options.device);
        model.setBlock(block);
        long start = System.nanoTime();
        try {
            if (resumed != null) {
                resumed.loadInto(model, options.checkpointDir);
                announceResume(resumed, stepsPerEpoch);
                if (resumed.epochsDone() < options.epochs) resumedAfter.add(resumed.epochsDone());
            } else if (warmStart != null) {
                warmStart.loadInto(model);
                say("starting from the weights of " + options.initFrom + " " + warmStart.record());
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(schedule(stepsPerEpoch, firstEpoch)).build());
            int lastEpoch = options.stopAfterEpoch == null ? options.epochs : options.stopAfterEpoch;
            try (Trainer trainer = model.newTrainer(config)) {
                // Initialises fresh parameters only: loaded checkpoint weights are kept.
                trainer.initialize(new Shape(options.batchSize, images.channels(), size[0], size[1]));
                for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
                    EpochStats stats = epoch(trainer, block, images, heldOutPrepared, epoch, stepsPerEpoch);
                    history.add(stats);
                    if (options.checkpointDir != null) {
                        ClassifierCheckpoint.save(
                                model,
                                options.checkpointDir,
                                epoch,
                                options.epochs,
                                options.seed,
                                recipe,
                                history,
                                earlierSeconds + (System.nanoTime() - start) / 1e9,
                                resumedAfter);
                    }
                    say(stats.line(options.epochs));
                }
            }
            if (history.size() < options.epochs) {
                say(String.format(
                        Locale.ROOT,
                        "stopped after epoch %d of %d as asked; the checkpoint in %s resumes it (--resume)",
                        history.size(),
                        options.epochs,
                        options.checkpointDir));
            }
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot write or read the training checkpoint in " + options.checkpointDir
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        double wallSeconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
        card.training = trainingRecord(trainSet, history, wallSeconds, resumedAfter);
        if (warmStart != null) card.training.put("initialisedFrom", warmStart.record());
        return new TrainedClassifier(model, card, history, wallSeconds);
    }

    /** One pass over the training images in this epoch's shuffle, then the held-out accuracy. */
    private EpochStats epoch(
            Trainer trainer, Block block, TrainingImages images, ImageSet heldOut, int epoch, int steps) {
        long epochStart = System.nanoTime();
        Random rng = new Random(epochSeed(epoch));
        Engine.getInstance().setRandomSeed((int) epochSeed(epoch));  // dropout masks
        int[] order = TrainingImages.shuffled(images.size(), rng);
        double lossSum = 0;
        long correct = 0;
        int batch = 0;
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
            batch++;
            if (options.progressEvery > 0 && batch % options.progressEvery == 0 && batch < steps) {
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                say(String.format(Locale.ROOT, "  epoch %d/%d  batch %d/%d  running loss %.4f  %.0f images/s",
                        epoch, options.epochs, batch, steps, lossSum / to, to / seconds));
            }
        }
        int[] heldOutPredictions = BlockInference.predict(block, trainer.getManager(), heldOut, 256);
        return new EpochStats(
                epoch,
                lossSum / images.size(),
                (double) correct / images.size(),
                ClassifierMetrics.accuracy(heldOutPredictions, heldOut.labels()),
                (System.nanoTime() - epochStart) / 1e9);
    }

    /** The seed of an epoch's shuffle, augmentation and dropout: a function of the run's seed and the epoch only. */
    private long epochSeed(int epoch) {
        return options.seed * 1_000_003L + epoch;
    }

    /**
     * The learning rate by update: cosine (or constant) over all epochs, starting at the update the first epoch
     * of this session begins with, so a resumed run continues the schedule where it stopped. (DJL's optimiser
     * counts updates from 1 per parameter.)
     */
    private Tracker schedule(int stepsPerEpoch, int firstEpoch) {
        if (!options.cosineSchedule) return Tracker.fixed(options.learningRate);
        Tracker cosine = Tracker.cosine().setBaseValue(options.learningRate).optFinalValue(options.learningRate * 0.01f)
                .setMaxUpdates(stepsPerEpoch * options.epochs).build();
        int offset = (firstEpoch - 1) * stepsPerEpoch;
        return offset == 0 ? cosine : update -> cosine.getNewValue(update + offset);
    }

    private void announceResume(ClassifierCheckpoint resumed, int stepsPerEpoch) {
        if (resumed.epochsDone() >= options.epochs) {
            say(String.format(Locale.ROOT, "resuming %s: all %d of %d epochs are already trained (%s); nothing left to"
                    + " train", options.checkpointDir, resumed.epochsDone(), options.epochs, resumed.params()));
            return;
        }
        say(String.format(Locale.ROOT, "resuming %s after epoch %d of %d (%s): the learning-rate schedule continues at"
                        + " update %d of %d; Adam's moments restart from zero (they are not checkpointed)",
                options.checkpointDir, resumed.epochsDone(), options.epochs, resumed.params(),
                resumed.epochsDone() * stepsPerEpoch, stepsPerEpoch * options.epochs));
    }

    private void warnIfUnfinishedRunIsOverwritten() {
        ClassifierCheckpoint old = ClassifierCheckpoint.read(options.checkpointDir);
        if (old != null && !old.finished()) {
            say(String.format(
                    Locale.ROOT,
                    "note: %s holds the checkpoint of an unfinished run (epoch %d of %d); starting"
                            + " afresh replaces it (--resume continues it instead)",
                    options.checkpointDir,
                    old.epochsDone(),
                    old.epochs()));
        }
    }

    private void say(String line) {
        if (progress != null) progress.println(line);
    }

    private String augmentation() {
        List<String> parts = new ArrayList<>();
        if (options.maxShift > 0) parts.add("shift +-" + options.maxShift + " px");
        if (options.maxRotation > 0) parts.add("rotation +-" + options.maxRotation + " deg");
        if (options.maxScale > 0) parts.add("scale +-" + Math.round(options.maxScale * 100) + "%");
        return parts.isEmpty()
                ? "none"
                : String.join(", ", parts) + " (random, at native size, before resize and plant)";
    }

    private ModelCard newCard(ImageSet trainSet, int[] size) {
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.classifier;
        card.format = ModelCard.Format.djl;
        card.architecture = options.architecture;
        if (options.width != null) card.architectureOptions = new LinkedHashMap<>(Map.of("width", options.width));
        card.inputShape = List.of(trainSet.channels(), size[0], size[1]);
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

    /** Everything that shapes the run; a checkpoint resumes only a run with the same recipe. */
    private Map<String, Object> recipe(ImageSet trainSet, ModelCard card) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("architecture", options.architecture);
        r.put("width", options.width);
        r.put("inputShape", card.inputShape);
        r.put("classes", card.classNames.size());
        r.put("dataset", options.dataset);
        r.put("trainSet", trainSet.name());
        r.put("trainImages", trainSet.size());
        r.put("seed", options.seed);
        r.put("epochs", options.epochs);
        r.put("batch", options.batchSize);
        r.put("lr", learningRate());
        r.put("lrSchedule", lrSchedule());
        r.put("augmentation", augmentation());
        r.put("plant", card.plant);
        r.put("initFrom", options.initFrom == null ? null : options.initFrom.toString());
        return r;
    }

    private double learningRate() {
        return Double.parseDouble(Float.toString(options.learningRate));  // 0.001, not 0.0010000000474974513
    }

    private String lrSchedule() {
        return options.cosineSchedule ? "cosine to 1%" : "constant";
    }

    private Map<String, Object> trainingRecord(ImageSet trainSet, List<EpochStats> history, double wallSeconds,
                                               List<Integer> resumedAfter) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("dataset", options.dataset);
        t.put("trainSet", trainSet.name());
        t.put("trainImages", trainSet.size());
        t.put("seed", options.seed);
        t.put("epochs", options.epochs);
        t.put("batch", options.batchSize);
        t.put("lr", learningRate());
        t.put("lrSchedule", lrSchedule());
        t.put("optimizer", "adam");
        t.put("loss", "softmax cross-entropy");
        t.put("augmentation", augmentation());
        if (!history.isEmpty()) {
            EpochStats last = history.get(history.size() - 1);
            t.put("finalLoss", ClassifierMetrics.round(last.loss()));
            t.put("finalTrainAccuracy", ClassifierMetrics.round(last.trainAccuracy()));
        }
        if (options.checkpointDir != null) {
            t.put("checkpoints", "after every epoch (" + ClassifierCheckpoint.FILE_NAME + " and weights); a resumed run"
                    + " continues the learning-rate schedule, but Adam's moments restart from zero");
        }
        if (!resumedAfter.isEmpty()) {
            t.put("resumedAfterEpochs", List.copyOf(resumedAfter));
            t.put("resumeNote", "resumed from checkpoints: Adam's moments restarted from zero at each resume (not"
                    + " checkpointed); shuffles, augmentation and dropout follow the per-epoch seeds as uninterrupted");
        }
        t.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
        return t;
    }
}
