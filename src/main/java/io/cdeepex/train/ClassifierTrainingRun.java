package io.cdeepex.train;

import ai.djl.Device;
import io.cdeepex.data.ImageSet;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;
import io.cdeepex.model.ModelLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Trains a classifier into a model directory and measures it the way every consumer will see it: the directory
 * is written, loaded back through {@link ModelLoader}, evaluated on the clean test set (and, with a plant, on the
 * planted test set), and the card is rewritten with those {@code metrics}. Training checkpoints into the same
 * directory after every epoch (unless the options name another); once the card is written the checkpoint is
 * marked finished and its weights deleted.
 */
public final class ClassifierTrainingRun {
    private ClassifierTrainingRun() {}

    /**
     * @param generator   name of the generator directory that models this classifier's training data (may be null)
     * @param commandLine the command that produced the model, recorded in the card's {@code training}
     * @return the card as written, or null when the run stopped early as asked ({@code stopAfterEpoch}) and left
     *         only its checkpoint
     * @throws ClassifierCheckpoint.FinishedRunException on resume of a run that already finished
     */
    public static ModelCard run(ClassifierTrainingOptions options, ImageSet trainSet, ImageSet testSet, Path dir,
                                String generator, String commandLine, PrintStream progress) throws IOException {
        if (options.checkpointDir == null) options.checkpointDir = dir;
        ModelCard card;
        try (TrainedClassifier trained = new ClassifierTrainer(options, progress).train(trainSet, testSet)) {
            if (trained.history().size() < options.epochs) return null;
            card = trained.card();
            card.generator = generator;
            if (commandLine != null) card.training.put("command", commandLine);
            trained.save(dir);
        }
        Device device = options.device == null ? ai.djl.engine.Engine.getInstance().defaultDevice() : options.device;
        try (Classifier loaded = ModelLoader.loadClassifier(dir, device)) {
            ClassifierEvaluation clean = ClassifierEvaluation.run(loaded, testSet, null, device);
            ClassifierEvaluation planted = options.plant == null || options.plant.targetClass().isEmpty()
                    ? null : ClassifierEvaluation.run(loaded, testSet, options.plant, device);
            card.metrics = ClassifierMetrics.cardMetrics(clean, planted, card.classNames);
            if (progress != null) {
                progress.print(clean.report());
                if (planted != null) {
                    progress.printf("clean recall of class %d: %.4f; planted rate: %.4f%n",
                            options.plant.targetClass().getAsInt(), card.metrics.get("cleanTargetRecall"),
                            planted.plantedRate());
                }
            }
        }
        ModelCards.write(card, dir);
        ClassifierCheckpoint.markFinished(options.checkpointDir);
        return card;
    }
}
