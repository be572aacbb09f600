package io.cdeepex.report;

import ai.djl.Device;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.ModelCards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AllureEnvironmentTest {
    private static final Path TINY_CNN = Path.of("src/test/resources/models/tiny-cnn");
    private static final Path TINY_GEN = Path.of("src/test/resources/models/tiny-gen");

    @TempDir
    Path results;

    @Test
    void writesModelsWithTheirFingerprintsDevicesSolverSettingsAndTheMachine() throws IOException {
        AllureEnvironment env = AllureEnvironment.in(results);
        env.model("classifier", "tiny-cnn", TINY_CNN, ModelCards.read(TINY_CNN));
        env.model("generator", "tiny-gen", TINY_GEN, ModelCards.read(TINY_GEN));
        env.model("classifier", "tiny-cnn", TINY_CNN.toAbsolutePath(), ModelCards.read(TINY_CNN)); // known: once
        env.device(Device.cpu());
        env.solver(SolverSettings.defaults());
        env.solver(SolverSettings.defaults().withIterations(2, 4));

        Properties p = read(results.resolve("environment.properties"));
        // fingerprints: sha256sum model.yaml WEIGHTS | sha256sum in each directory (see ModelFingerprintTest)
        assertThat(p)
                .containsEntry(
                        "model src/test/resources/models/tiny-cnn", "classifier tiny-cnn, card sha256:f817b8830d38")
                .containsEntry(
                        "model src/test/resources/models/tiny-gen", "generator tiny-gen, card sha256:e88729ef6fa7")
                .containsEntry("device", "cpu()")
                .containsEntry("solver settings", "cdeepex, defaults | cdeepex: maxOuterIterations=2, innerSteps=4");
        assertThat(p.getProperty("engine")).matches("PyTorch engine 2\\.7\\.1 \\(libtorch\\) on DJL 0\\.36\\.0");
        assertThat(p.getProperty("java")).startsWith(System.getProperty("java.version"));
        assertThat(p.getProperty("os")).startsWith(System.getProperty("os.name"));
        assertThat(p.getProperty("cpu"))
                .endsWith(Runtime.getRuntime().availableProcessors() + " processors for the JVM");
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
        assertThat(p.getProperty("ONEDNN_MAX_CPU_ISA")).isEqualTo(isa != null ? isa
                : "not set (oneDNN uses the CPU's widest instructions)");
        assertThat(p).hasSize(9);
        assertThat(results.resolve("categories.json")).hasContent(AllureCategories.json());
    }

    @Test
    void solverSettingsAreDescribedByWhatDiffersFromTheMethodsDefaults() {
        assertThat(AllureEnvironment.describe(SolverSettings.defaults())).isEqualTo("cdeepex, defaults");
        assertThat(AllureEnvironment.describe(SolverSettings.defaults().withMethod(Method.XGEMS)))
                .isEqualTo("xgems, defaults");
        assertThat(AllureEnvironment.describe(SolverSettings.defaults().withMethod(Method.LIME).withSeed(7)
                .withLearningRate(0.01))).isEqualTo("lime: learningRate=0.01, seed=7");
    }

    @Test
    void theResultsDirectoryIsAllures() {
        Map<String, String> configured = Map.of("allure.results.directory", results.toString());
        assertThat(AllureEnvironment.of(k -> Optional.ofNullable(configured.get(k))).directory())
                .isEqualTo(results.toAbsolutePath().normalize());
        // else Allure's own properties (allure.properties, then system properties, as Surefire sets here)
        assertThat(AllureEnvironment.of(k -> Optional.empty()).directory()).isEqualTo(
                Path.of(System.getProperty("allure.results.directory", "allure-results")).toAbsolutePath().normalize());
    }

    @Test
    void clearStartsANewRunsFile() throws IOException {
        AllureEnvironment env = AllureEnvironment.in(results);
        env.device("gpu(0)");
        env.clear();
        env.device(Device.cpu());
        assertThat(read(results.resolve("environment.properties"))).containsEntry("device", "cpu()");
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
