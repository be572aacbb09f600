package io.cdeepex.train;

import io.cdeepex.data.ImageSet;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTrainerTest {

    private static ClassifierTrainingOptions tinyOptions() {
        ClassifierTrainingOptions o = new ClassifierTrainingOptions();
        o.epochs = 3;
        o.batchSize = 16;
        o.maxShift = 0;
        o.seed = 7;
        return o;
    }

    @Test
    void aFewEpochsReduceTheLossAndLearnTheClasses() {
        ImageSet train = SyntheticImages.blobs(160, 4, 64, 1);
        ImageSet heldOut = SyntheticImages.blobs(40, 4, 64, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TrainedClassifier trained = new ClassifierTrainer(tinyOptions(), new PrintStream(out, true)).train(train, heldOut)) {
            assertThat(trained.history()).hasSize(3);
            assertThat(trained.history().get(2).loss()).isLessThan(trained.history().get(0).loss() * 0.5);
            assertThat(trained.history().get(2).heldOutAccuracy()).isGreaterThan(0.9);
            assertThat(out.toString()).contains("epoch 1/3").contains("epoch 3/3").contains("held-out-acc");
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        ImageSet train = SyntheticImages.blobs(64, 4, 64, 1);
        float[] a;
        float[] b;
        try (TrainedClassifier t = new ClassifierTrainer(tinyOptions(), null).train(train, train)) {
            a = t.block().getParameters().valueAt(0).getArray().toFloatArray();
        }
        try (TrainedClassifier t = new ClassifierTrainer(tinyOptions(), null).train(train, train)) {
            b = t.block().getParameters().valueAt(0).getArray().toFloatArray();
        }
        assertThat(b).containsExactly(a);
    }

    @Test
    void savesWeightsAndACardThatNamesThem(@TempDir Path dir) throws Exception {
        ImageSet train = SyntheticImages.blobs(32, 4, 64, 1);
        ClassifierTrainingOptions o = tinyOptions();
        o.epochs = 1;
        try (TrainedClassifier trained = new ClassifierTrainer(o, null).train(train, train)) {
            trained.card().generator = "some-vae";
            trained.save(dir);
        }
        assertThat(dir.resolve("mnist-paper-0000.params")).isRegularFile();
        ModelCard card = ModelCards.read(dir);
        assertThat(card.file).isEqualTo("mnist-paper-0000.params");
        assertThat(card.kind).isEqualTo(ModelCard.Kind.classifier);
        assertThat(card.inputShape).containsExactly(1, 64, 64);
        assertThat(card.classNames).containsExactly("0", "1", "2", "3");
        assertThat(card.generator).isEqualTo("some-vae");
        assertThat(card.training).containsEntry("seed", 7).containsEntry("epochs", 1).containsKey("wallSeconds");
        assertThat(Files.size(dir.resolve(card.file))).isGreaterThan(100_000);
    }
}
