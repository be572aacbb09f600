package io.cdeepex.junit;

import io.cdeepex.data.ImageSet;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explainer;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.DeviceChoice;
import io.cdeepex.report.ReportCategories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static io.cdeepex.assertions.AuditAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** What a @ModelAudit run puts into its Allure report beside the tests: environment and failure categories. */
class ModelAuditReportTest {

    @ModelAudit
    @EnabledWhenLaunched
    static class Audits {
        @Test
        void recallOfOnesIsAtMostZero(@AuditClassifier("tiny-cnn") Classifier c,
                                      @AuditSamples(include = 1, count = 4) ImageSet ones) {
            assertThat(ClassifierEvaluation.run(c, ones, DeviceChoice.resolve())).hasRecallAtMost(1, 0.0);
        }

        @Test
        void explainerIsMade(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", innerSteps = 3)
                             Explainer e) {}
    }

    @ModelAudit
    @EnabledWhenLaunched
    static class BrokenWeights {
        @Test
        void audit(@AuditClassifier("broken-cnn") Classifier c) {}
    }

    @Test
    void theEnvironmentListsTheModelsWithFingerprintsTheDeviceAndTheSolverSettings(@TempDir Path results)
            throws IOException {
        LaunchedRun run = LaunchedRun.of(Audits.class, Map.of("allure.results.directory", results.toString()));

        assertThat(run.summary.getTestsFoundCount()).isEqualTo(2);
        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(results.resolve("environment.properties"))) {
            env.load(r);
        }
        assertThat(env)
                .containsEntry("model src/test/resources/models/tiny-cnn",
                        "classifier tiny-cnn, card sha256:f817b8830d38")
                .containsEntry("model src/test/resources/models/tiny-gen",
                        "generator tiny-gen, card sha256:e88729ef6fa7")
                .containsEntry("device", "cpu()")
                .containsEntry("solver settings", "cdeepex: innerSteps=3");
        assertThat(results.resolve("categories.json")).exists();
    }

    @Test
    void aFailedAssertionIsAConstraintNotSatisfied() {
        LaunchedRun run = LaunchedRun.of(Audits.class, Map.of());

        Throwable t = run.failure("recallOfOnesIsAtMostZero");
        assertThat(t).hasMessageContaining(
                "Expecting at most 0.0% of 4 class 1 images of mnist-samples to be recognised as class 1");
        assertThat(ReportCategories.of(t)).containsExactly("Constraint not satisfied");
    }

    @Test
    void weightsThatDoNotLoadAreAModelLoadFailure(@TempDir Path models) throws IOException {
        Path dir = Files.createDirectories(models.resolve("broken-cnn"));
        try (Stream<Path> files = Files.list(LaunchedRun.TEST_MODELS.resolve("tiny-cnn"))) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("tiny-cnn.pt"), "not a TorchScript archive");

        Throwable t = LaunchedRun.of(BrokenWeights.class, Map.of("cdeepex.models", models.toString())).failure("audit");

        assertThat(t).hasMessageContaining("cannot load classifier broken-cnn");
        assertThat(ReportCategories.of(t)).containsExactly("Model load failure");
    }
}
