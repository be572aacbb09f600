package io.cdeepex.audit.engine;

import io.cdeepex.report.ReportCategories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/**
 * What a run of suites puts into its Allure results beside the tests: the environment it ran on, and categories
 * that each catch the failures the engine really produces of its kind, and only those.
 */
class AllureReportFilesTest {
    private static final Path SUITES = Path.of("src/test/resources/suites");

    @Test
    void theEnvironmentListsTheSuitesModelsTheDeviceAndTheSolverSettings(@TempDir Path results) throws IOException {
        EngineRun.of(Map.of("allure.results.directory", results.toString()), List.of(),
                selectFile(SUITES.resolve("tiny/tiny-audit.yaml").toFile()));

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
                // the suite's solver: mapping for its one case that explains, the values that differ from the defaults
                .containsEntry("solver settings",
                        "cdeepex: maxOuterIterations=2, innerSteps=4, inversionSteps=10, inversionStarts=1");
        assertThat(env.getProperty("engine")).startsWith("PyTorch engine 2.7.1");
        assertThat(results.resolve("categories.json")).exists();
    }

    @Test
    void failedExpectationsAreConstraintsNotSatisfied() {
        EngineRun run = EngineRun.of(selectFile(SUITES.resolve("tiny/tiny-audit.yaml").toFile()));

        // a bound compared by the engine, and one judged by the assertion layer (its AssertJ message inside)
        assertThat(categories(run.test("accuracy cannot be zero"))).containsExactly("Constraint not satisfied");
        assertThat(categories(run.test("recall of ones cannot be zero"))).containsExactly("Constraint not satisfied");
    }

    @Test
    void aFailedGateIsARegressionVsBaseline() {
        EngineRun run = EngineRun.of(selectFile(SUITES.resolve("tiny/tiny-gate.yaml").toFile()));

        assertThat(categories(run.test("accuracy on covered digits is no worse")))
                .containsExactly("Regression vs baseline");
    }

    @Test
    void unreadableSuitesAndInvalidCasesAreBrokenSuites() {
        EngineRun run = EngineRun.of(selectDirectory(SUITES.resolve("bad").toFile()));

        for (String test : new String[] {"bad-indentation.yaml (invalid suite)", "wrong-type.yaml (invalid suite)",
                "missing-model.yaml (invalid suite)", "alias-bomb.yaml (invalid suite)"}) {
            assertThat(categories(run.test(test))).as(test).containsExactly("Broken suite");
        }
        assertThat(categories(run.test("probe-out-of-range.yaml", "why not 12"))).containsExactly("Broken suite");
        assertThat(categories(run.test("unknown-key.yaml", "accuracy"))).containsExactly("Broken suite");
        // a case whose samples pose none of its questions (found when it runs)
        EngineRun questions = EngineRun.of(selectFile(SUITES.resolve("questions/tiny-questions.yaml").toFile()));
        assertThat(categories(questions.test("why 3 and not 7 about ones"))).containsExactly("Broken suite");
    }

    @Test
    void weightsThatDoNotLoadAreAModelLoadFailure(@TempDir Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("broken-cnn"));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/models/tiny-cnn"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(model.resolve("tiny-cnn.pt"), "not a TorchScript archive");
        Path suite = Files.writeString(dir.resolve("broken-weights.yaml"), """
                suite: broken weights
                classifier: ./broken-cnn
                samples:
                  digits: {dataset: mnist-samples, count: 4}
                cases:
                  - name: accuracy
                    expect:
                      - metric: accuracy
                        atLeast: 0.5
                """);

        EngineRun.Outcome o = EngineRun.of(selectFile(suite.toFile())).test("accuracy");

        assertThat(o.failed()).isTrue();
        assertThat(o.message()).contains("case 'accuracy' could not run", "cannot load TorchScript file");
        assertThat(categories(o)).containsExactly("Model load failure");
    }

    private static List<String> categories(EngineRun.Outcome o) {
        assertThat(o.failed()).as(o.id().getDisplayName() + " failed").isTrue();
        return ReportCategories.of(o.result().getThrowable().orElseThrow());
    }
}
