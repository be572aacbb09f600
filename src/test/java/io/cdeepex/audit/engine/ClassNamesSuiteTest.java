package io.cdeepex.audit.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/**
 * A suite that pairs a digit classifier with Fashion-MNIST images: its recall of class 8 would be measured on bags.
 * The pair is refused at the sample set, naming both class lists; {@code ignoreClassNames: true} lets it run.
 */
class ClassNamesSuiteTest {
    private static final Path TINY_CNN = Path.of("src/test/resources/models/tiny-cnn").toAbsolutePath();

    @TempDir
    Path dir;

    private Path suite(String sampleSet) throws IOException {
        return Files.writeString(dir.resolve("cross-domain.yaml"), """
                suite: Cross-domain
                classifier: %s
                samples:
                  clothes: %s
                cases:
                  - name: recall of class 8
                    expect:
                      - metric: recall
                        class: 8
                        atLeast: 0.0
                """.formatted(TINY_CNN, sampleSet));
    }

    @Test
    void aDatasetOfOtherClassesIsRefusedAtItsSampleSet() throws IOException {
        Path file = suite("{dataset: fashion-samples, count: 20}");

        EngineRun run = EngineRun.of(selectFile(file.toFile()));

        assertThat(run.outcomes()).noneMatch(EngineRun.Outcome::passed);
        assertThat(run.outcomes()).anySatisfy(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.message()).contains("line 4, column 12", "field 'samples.clothes'",
                    "fashion-samples's classes [T-shirt/top, Trouser,", "tiny-cnn's classNames [0, 1, 2,",
                    "label 0 is 'T-shirt/top' in the dataset but '0' for the classifier", "ignoreClassNames: true");
        });
    }

    @Test
    void ignoreClassNamesRunsTheRelabelledPair() throws IOException {
        Path file = suite("{dataset: fashion-samples, count: 20, ignoreClassNames: true}");

        EngineRun run = EngineRun.of(selectFile(file.toFile()));

        assertThat(run.test("recall of class 8").passed()).as(run.test("recall of class 8").message()).isTrue();
    }
}
