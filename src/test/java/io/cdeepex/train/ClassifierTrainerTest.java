package io.cdeepex.train;

import ai.djl.ndarray.NDManager;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassifierTrainerTest {

    private static ClassifierTrainingOptions tinyOptions() {
        ClassifierTrainingOptions o = new ClassifierTrainingOptions();
        o.epochs = 3;
        o.batchSize = 20;
        o.maxShift = 0;
        o.seed = 7;
        return o;
    }

    private static ImageSet firstOf(ImageSet set, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return set.subset(idx);
    }

    @Test
    void aFewEpochsOnRealDigitsReduceTheLoss() {
        ImageSet samples = Datasets.load("mnist-samples");
        ImageSet train = firstOf(samples, 200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TrainedClassifier trained =
                new ClassifierTrainer(tinyOptions(), new PrintStream(out, true)).train(train, train)) {
            assertThat(trained.history()).hasSize(3);
            double first = trained.history().get(0).loss();
            double last = trained.history().get(2).loss();
            assertThat(first).isGreaterThan(1.5);  // about ln(10) at the start
            assertThat(last).isLessThan(first * 0.8);
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
    void aTrainingRunWritesADirectoryThatLoadsAndGivesTheSameLogits(@TempDir Path models) throws Exception {
        // The card names its generator, which must exist next to it when the trained classifier is loaded.
        io.cdeepex.model.TestModels.copy("tiny-gen", models.resolve("some-vae"));
        Path dir = models.resolve("classifier");
        ImageSet samples = Datasets.load("mnist-samples");
        ImageSet train = firstOf(samples, 100);
        ClassifierTrainingOptions o = tinyOptions();
        o.epochs = 1;
        o.plant = PlantSpec.parse("square:class=8,x=0,y=0,size=6,value=0.5");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ModelCard written = ClassifierTrainingRun.run(
                o, train, samples, dir, "some-vae", "cdeepex train classifier ...", new PrintStream(progress, true));
        assertThat(progress.toString()).contains("epoch 1/1").contains("accuracy").contains("clean recall of class 8: ")
                .contains("planted rate: ");

        ModelCard card = ModelCards.read(dir);
        assertThat(card.file).isEqualTo("mnist-paper-0000.params");
        assertThat(dir.resolve(card.file)).isRegularFile();
        assertThat(card.kind).isEqualTo(ModelCard.Kind.classifier);
        assertThat(card.architecture).isEqualTo("mnist-paper");
        assertThat(card.inputShape).containsExactly(1, 64, 64);
        assertThat(card.classNames).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(card.generator).isEqualTo("some-vae");
        assertThat(card.plant).isEqualTo("square:class=8,x=0,y=0,size=6,value=0.5");
        assertThat(card.training).containsEntry("seed", 7).containsEntry("epochs", 1).containsEntry("batch", 20)
                .containsEntry("command", "cdeepex train classifier ...").containsKey("wallSeconds");
        assertThat(card.metrics).containsKeys("testAccuracy", "perClassRecall", "cleanTargetRecall", "plantedRate")
                .containsEntry("testImages", 500);
        assertThat(written.metrics).isEqualTo(card.metrics);
        @SuppressWarnings("unchecked")
        Map<String, Object> recall = (Map<String, Object>) card.metrics.get("perClassRecall");
        assertThat(recall).hasSize(10).containsEntry("8", card.metrics.get("cleanTargetRecall"));
    }

    @Test
    void savedWeightsReloadToIdenticalLogits(@TempDir Path dir) throws Exception {
        ImageSet train = firstOf(Datasets.load("mnist-samples"), 60);
        ClassifierTrainingOptions o = tinyOptions();
        o.epochs = 1;
        try (TrainedClassifier trained = new ClassifierTrainer(o, null).train(train, train);
             NDManager m = NDManager.newBaseManager()) {
            trained.save(dir);
            ImageSet at64 = new TrainingImages(train, 64, 64, null, 0).prepared();
            float[] before = trained.logits(at64.toNDArray(m, 0, 10)).toFloatArray();
            try (Classifier loaded = ModelLoader.loadClassifier(dir, m.getDevice())) {
                float[] after = loaded.logits(at64.toNDArray(m, 0, 10)).toFloatArray();
                assertThat(after).containsExactly(before, within(0f));
            }
        }
    }
}
