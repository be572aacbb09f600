package io.cdeepex.model;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every committed classifier under {@code models/} reproduces its card: a fresh evaluation on the committed sample
 * set of its dataset (500 held-out images, 50 per class) agrees with the card's numbers, which were measured on the
 * full held-out split. The tolerance is three binomial standard errors of the sample-set estimate
 * ({@code 3 sqrt(p (1 - p) / n)}, p clamped to [1/n, 1 - 1/n]): a wrong weights file or a changed preprocessing
 * moves the numbers far more than that.
 */
class CommittedCardsTest {
    private static final Path MODELS = Path.of(System.getProperty("cdeepex.models", "models"));

    @TestFactory
    Stream<DynamicTest> everyClassifierReproducesItsCard() throws IOException {
        List<Path> classifiers;
        try (Stream<Path> dirs = Files.list(MODELS)) {
            classifiers = dirs.filter(d -> Files.isRegularFile(d.resolve(ModelCards.FILE_NAME)))
                    .filter(d -> ModelCards.read(d).kind == ModelCard.Kind.classifier).sorted().toList();
        }
        assertThat(classifiers).as("committed classifiers under %s", MODELS.toAbsolutePath()).isNotEmpty();
        return classifiers.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) {
        ModelCard card = ModelCards.read(dir);
        String dataset = String.valueOf(card.training.get("dataset"));
        String samplesName =
                switch (dataset) {
                    case "mnist" -> "mnist-samples";
                    case "fashion-mnist" -> "fashion-samples";
                    default -> throw new AssertionError(
                            dir + "/model.yaml: training.dataset '" + dataset + "' has no sample set");
                };
        ImageSet samples = Datasets.load(samplesName);
        PlantSpec plant = card.plant == null ? null : PlantSpec.parse(card.plant);
        try (Classifier c = ModelLoader.loadClassifier(dir, Device.cpu())) {
            ClassifierEvaluation fresh = ClassifierEvaluation.run(c, samples, plant, Device.cpu());
            Map<String, Object> m = card.metrics;
            double cardAccuracy = number(m, "testAccuracy", dir);
            assertThat(fresh.accuracy()).as("%s accuracy on %s vs the card's testAccuracy", dir, samplesName)
                    .isCloseTo(cardAccuracy, within(threeSe(cardAccuracy, samples.size())));
            if (plant != null) {
                double cardPlanted = number(m, "plantedRate", dir);
                int others = samples.size() - samples.size() / 10;
                assertThat(fresh.plantedRate()).as("%s planted rate on %s vs the card", dir, samplesName)
                        .isCloseTo(cardPlanted, within(threeSe(cardPlanted, others)));
                int target = plant.targetClass().getAsInt();
                double cardRecall = number(m, "cleanTargetRecall", dir);
                assertThat(fresh.recall()[target]).as("%s clean recall of class %d vs the card", dir, target)
                        .isCloseTo(cardRecall, within(threeSe(cardRecall, samples.size() / 10)));
            }
        }
    }

    static double threeSe(double p, int n) {
        double q = Math.min(1 - 1.0 / n, Math.max(1.0 / n, p));
        return 3 * Math.sqrt(q * (1 - q) / n);
    }

    private static double number(Map<String, Object> metrics, String key, Path dir) {
        Object v = metrics == null ? null : metrics.get(key);
        if (!(v instanceof Number n)) throw new AssertionError(dir + "/model.yaml: metrics." + key + " is missing");
        return n.doubleValue();
    }
}
