package io.cdeepex.train;

import ai.djl.ndarray.NDManager;
import io.cdeepex.data.ImageSet;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-epoch checkpoints and --resume, on a narrow VGG16 and 64 synthetic 28x28 images (resized to 32x32). */
class ClassifierCheckpointTest {
    private static final ImageSet TRAIN = SyntheticImages.blobs(64, 4, 28, 3);
    private static final ImageSet HELD_OUT = SyntheticImages.blobs(32, 4, 28, 4);
    private static final ImageSet AT_32 = new TrainingImages(HELD_OUT, 32, 32, null, 0).prepared();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static ClassifierTrainingOptions options(Path checkpoints) {
        ClassifierTrainingOptions o = new ClassifierTrainingOptions();
        o.architecture = "vgg16";
        o.width = 0.0625;
        o.epochs = 2;
        o.batchSize = 16;
        o.maxShift = 1;
        o.seed = 5;
        o.progressEvery = 2;
        o.checkpointDir = checkpoints;
        return o;
    }

    private List<EpochStats> train(ClassifierTrainingOptions o) {
        try (TrainedClassifier t = new ClassifierTrainer(o, new PrintStream(out, true)).train(TRAIN, HELD_OUT)) {
            assertThat(t.card().inputShape).containsExactly(1, 32, 32);
            return t.history();
        }
    }

    private static ModelCard trainingCard(ClassifierTrainingOptions o) {
        try (TrainedClassifier t = new ClassifierTrainer(o, null).train(TRAIN, HELD_OUT)) {
            return t.card();
        }
    }

    @Test
    void anInterruptedRunResumesFromItsLastEpochAndEndsWithTheWholeHistory(@TempDir Path dir, @TempDir Path whole) {
        ClassifierTrainingOptions first = options(dir);
        first.stopAfterEpoch = 1;
        List<EpochStats> interrupted = train(first);
        assertThat(interrupted).hasSize(1);
        assertThat(out.toString()).contains("epoch 1/2  batch 2/4  running loss").contains("images/s")
                .contains("epoch 1/2  loss").contains("stopped after epoch 1 of 2").doesNotContain("epoch 2/2");
        ClassifierCheckpoint afterOne = ClassifierCheckpoint.read(dir);
        assertThat(afterOne.epochsDone()).isEqualTo(1);
        assertThat(afterOne.finished()).isFalse();
        assertThat(afterOne.history()).hasSize(1);
        assertThat(afterOne.seed()).isEqualTo(5);
        assertThat(afterOne.recipe()).containsEntry("architecture", "vgg16").containsEntry("width", 0.0625);
        assertThat(dir.resolve("checkpoint-0001.params")).isRegularFile();

        out.reset();
        ClassifierTrainingOptions again = options(dir);
        again.resume = true;
        ModelCard card;
        List<EpochStats> resumed;
        float[] logits;
        try (TrainedClassifier t = new ClassifierTrainer(again, new PrintStream(out, true)).train(TRAIN, HELD_OUT);
             NDManager m = NDManager.newBaseManager()) {
            resumed = t.history();
            card = t.card();
            logits = t.logits(AT_32.toNDArray(m, 0, 8)).toFloatArray();
        }
        assertThat(out.toString())
                .contains("resuming " + dir + " after epoch 1 of 2")
                .contains("Adam's moments restart from zero")
                .contains("epoch 2/2  loss")
                .doesNotContain("epoch 1/2  loss");
        assertThat(resumed).extracting(EpochStats::epoch).containsExactly(1, 2);
        assertThat(resumed.get(0)).isEqualTo(interrupted.get(0));
        ClassifierCheckpoint afterTwo = ClassifierCheckpoint.read(dir);
        assertThat(afterTwo.epochsDone()).isEqualTo(2);
        assertThat(afterTwo.history()).extracting(EpochStats::epoch).containsExactly(1, 2);
        assertThat(afterTwo.resumedAfter()).containsExactly(1);
        assertThat(dir.resolve("checkpoint-0002.params")).isRegularFile();
        assertThat(dir.resolve("checkpoint-0001.params")).doesNotExist();
        assertThat(card.training).containsEntry("resumedAfterEpochs", List.of(1));
        assertThat((String) card.training.get("resumeNote")).contains("Adam's moments restarted from zero");
        assertThat((String) card.training.get("checkpoints")).contains("Adam's moments restart from zero");

        // The first epoch is the one an uninterrupted run trains: the same seeds, the same shuffle, the same numbers.
        List<EpochStats> uninterrupted = train(options(whole));
        assertThat(uninterrupted.get(0).loss()).isEqualTo(interrupted.get(0).loss());
        assertThat(uninterrupted.get(0).trainAccuracy()).isEqualTo(interrupted.get(0).trainAccuracy());

        // Resuming a checkpoint whose epochs are all done trains nothing and says so.
        out.reset();
        try (TrainedClassifier t = new ClassifierTrainer(again, new PrintStream(out, true)).train(TRAIN, HELD_OUT);
             NDManager m = NDManager.newBaseManager()) {
            assertThat(t.history()).extracting(EpochStats::epoch).containsExactly(1, 2);
            // ... and holds the checkpoint's weights, batch-norm statistics included: the same logits to the bit.
            assertThat(t.logits(AT_32.toNDArray(m, 0, 8)).toFloatArray()).containsExactly(logits);
        }
        assertThat(out.toString()).contains("all 2 of 2 epochs are already trained").contains("nothing left to train")
                .doesNotContain("epoch 2/2  loss");
    }

    @Test
    void resumingAFinishedRunSaysThereIsNothingToResume(@TempDir Path dir) throws Exception {
        ClassifierTrainingOptions o = options(null);
        o.epochs = 1;
        ModelCard written =
                ClassifierTrainingRun.run(o, TRAIN, HELD_OUT, dir, null, "cdeepex train classifier ...", null);
        assertThat(written.architectureOptions).containsEntry("width", 0.0625);
        assertThat(ModelCards.read(dir).training).containsKey("checkpoints");
        ClassifierCheckpoint finished = ClassifierCheckpoint.read(dir);
        assertThat(finished.finished()).isTrue();
        assertThat(finished.params()).isNull();
        assertThat(dir.resolve("checkpoint-0001.params")).doesNotExist();
        assertThat(dir.resolve("vgg16-0000.params")).isRegularFile();

        ClassifierTrainingOptions again = options(null);
        again.epochs = 1;
        again.resume = true;
        assertThatThrownBy(() -> ClassifierTrainingRun.run(again, TRAIN, HELD_OUT, dir, null, null, null))
                .isInstanceOf(ClassifierCheckpoint.FinishedRunException.class)
                .hasMessageContaining("nothing to resume").hasMessageContaining("finished all 1 of 1 epochs");
    }

    @Test
    void resumeRefusesAMissingCheckpointAndOtherOptions(@TempDir Path dir) {
        ClassifierTrainingOptions none = options(dir);
        none.resume = true;
        assertThatThrownBy(() -> train(none)).hasMessageContaining("nothing to resume")
                .hasMessageContaining("checkpoint.yaml does not exist");

        ClassifierTrainingOptions first = options(dir);
        first.stopAfterEpoch = 1;
        train(first);
        ClassifierTrainingOptions other = options(dir);
        other.resume = true;
        other.batchSize = 32;
        other.width = 0.125;
        assertThatThrownBy(() -> train(other)).hasMessageContaining("batch: checkpoint 16, now 32")
                .hasMessageContaining("width: checkpoint 0.0625, now 0.125");
    }

    @Test
    void theLossGoesDownOverAFewSteps(@TempDir Path dir) {
        ClassifierTrainingOptions o = options(dir);
        o.epochs = 4;
        o.cosineSchedule = false;
        List<EpochStats> history = train(o);
        assertThat(history).hasSize(4);
        assertThat(history.get(0).loss()).isGreaterThan(1.0);  // about ln(4) = 1.39 at the start
        assertThat(history.get(3).loss()).isLessThan(history.get(0).loss() * 0.8);
    }

    @Test
    void initStartsFromATrainedModelAndRecordsIt(@TempDir Path trained, @TempDir Path warm, @TempDir Path again)
            throws Exception {
        ClassifierTrainingOptions first = options(null);
        first.epochs = 3;
        first.cosineSchedule = false;
        ClassifierTrainingRun.run(first, TRAIN, HELD_OUT, trained, null, "cdeepex train classifier ...", null);
        ClassifierCheckpoint firstRun = ClassifierCheckpoint.read(trained);

        ClassifierTrainingOptions on = options(warm);
        on.epochs = 1;
        on.learningRate = 1e-4f;
        on.initFrom = trained;
        ModelCard card;
        List<EpochStats> history;
        try (TrainedClassifier t = new ClassifierTrainer(on, new PrintStream(out, true)).train(TRAIN, HELD_OUT)) {
            card = t.card();
            history = t.history();
        }
        // The same seed's first epoch from fresh weights is the first run's first epoch: the warm start begins lower.
        assertThat(history.get(0).loss()).isLessThan(firstRun.history().get(0).loss() * 0.8);
        assertThat(out.toString()).contains("starting from the weights of " + trained);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> from = (java.util.Map<String, Object>) card.training.get("initialisedFrom");
        assertThat(from).containsEntry("model", trained.toString()).containsEntry("epochs", 3)
                .containsKey("testAccuracy");

        // A chain of warm starts stays traceable to its first, fresh run.
        ClassifierTrainingRun.run(on, TRAIN, HELD_OUT, warm, null, "cdeepex train classifier --init ...", null);
        ClassifierTrainingOptions third = options(null);
        third.epochs = 1;
        third.initFrom = warm;
        ModelCard chained = ClassifierTrainingRun.run(third, TRAIN, HELD_OUT, again, null, null, null);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> second = (java.util.Map<String, Object>) chained.training.get("initialisedFrom");
        assertThat(second).containsEntry("model", warm.toString());
        assertThat(second.get("initialisedFrom")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("model", trained.toString());
    }

    @Test
    void initRefusesAModelOfAnotherWidthNamingTheField(@TempDir Path trained) throws Exception {
        ClassifierTrainingOptions first = options(null);
        first.epochs = 1;
        ClassifierTrainingRun.run(first, TRAIN, HELD_OUT, trained, null, null, null);
        ClassifierTrainingOptions wider = options(null);
        wider.width = 0.125;
        wider.initFrom = trained;
        assertThatThrownBy(() -> train(wider))
                .hasMessageContaining(trained.resolve("model.yaml").toString())
                .hasMessageContaining("field 'architectureOptions.width'")
                .hasMessageContaining("expected 0.125, found 0.0625");
        ClassifierTrainingOptions missing = options(null);
        missing.initFrom = trained.resolve("nowhere");
        assertThatThrownBy(() -> train(missing)).hasMessageContaining("nowhere");
    }

    @Test
    void theInputSizeComesFromTheArchitecture() {
        ClassifierTrainingOptions o = options(null);
        o.epochs = 1;
        assertThat(trainingCard(o).inputShape).containsExactly(1, 32, 32);
        o.architecture = "mnist-paper";
        o.width = null;
        assertThat(trainingCard(o).inputShape).containsExactly(1, 64, 64);
        o.width = 0.5;
        assertThatThrownBy(() -> new ClassifierTrainer(o, null))
                .hasMessageContaining("'mnist-paper' has no width multiplier");
    }
}
