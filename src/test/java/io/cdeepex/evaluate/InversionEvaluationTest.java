package io.cdeepex.evaluate;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The inversion bar's numbers on the tiny TorchScript models and 20 committed digits. */
class InversionEvaluationTest {
    private static final Path MODELS = Path.of("src/test/resources/models");

    @Test
    void reportsTheLabelShareBesideItsCeilingAndTheKeptDecisions() {
        ImageSet all = Datasets.load("mnist-samples");
        ImageSet digits = all.subset(IntStream.range(0, 20).map(i -> i * 25).toArray());
        SolverSettings quick = SolverSettings.defaults().toBuilder().inversionSteps(30).inversionStarts(1).build();
        try (Classifier cnn = ModelLoader.loadClassifier(MODELS.resolve("tiny-cnn"), Device.cpu());
             Generator gen = ModelLoader.loadGenerator(MODELS.resolve("tiny-gen"), Device.cpu())) {
            InversionEvaluation e = InversionEvaluation.run(cnn, gen, digits, quick, Device.cpu());
            assertThat(e.count()).isEqualTo(20);
            // The ceiling is the classifier's accuracy on the very same originals.
            double accuracy = ClassifierEvaluation.run(cnn, digits, null, Device.cpu()).accuracy();
            assertThat(e.originalAccuracy()).isCloseTo(accuracy, within(1e-12));
            // A reconstruction that keeps its label either kept a right decision or changed a wrong one.
            assertThat(e.ownLabelRate()).isLessThanOrEqualTo(e.originalAccuracy() + (1 - e.decisionKeptRate()) + 1e-12);
            assertThat(e.meanSquaredError()).isPositive();
            assertThat(e.report())
                    .contains("of the originals to their label")
                    .contains(String.format(
                            java.util.Locale.ROOT, "%.4f of the reconstructions get the class", e.decisionKeptRate()));
            assertThat(e.toMap()).containsKeys("ownLabelRate", "originalAccuracy", "decisionKeptRate");
            // tiny-gen has no encoder: z0 came from the random starts alone, and the report says so
            assertThat(e.starts()).isEqualTo("1 random start(s), 30 steps");
            assertThat(e.report()).contains("z0 from 1 random start(s), 30 steps");
        }
    }
}
