package io.cdeepex.explain.scan;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.report.ScanFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scan end to end on the tiny real models: its refusals, and what an interrupted scan leaves behind. */
class ScannerTest {
    private static final Path MODELS = Path.of("src/test/resources/models");
    /** Few, short solves: these tests are about the scan's bookkeeping, not the answers' quality. */
    private static final SolverSettings FAST = SolverSettings.defaults().withIterations(6, 5).withInversion(30, 1)
            .toBuilder().retryStarts(0).build();

    private static Classifier classifier;
    private static Generator generator;
    private static ImageSet samples;

    @BeforeAll
    static void load() {
        classifier = ModelLoader.loadClassifier(MODELS.resolve("tiny-cnn"), Device.cpu());
        generator = ModelLoader.loadGenerator(MODELS.resolve("tiny-gen"), Device.cpu());
        samples = Datasets.load("mnist-samples");
    }

    @AfterAll
    static void close() {
        classifier.close();
        generator.close();
    }

    private static Scanner scanner() {
        return new Scanner(new Explainer(classifier, generator, FAST, Device.cpu()));
    }

    private static ScanSettings small(List<Integer> probes) {
        return TinyScans.settings(probes);
    }

    @Test
    void anEmptySampleSetIsRefusedByName() {
        ImageSet empty = samples.subset(new int[0]);

        assertThatThrownBy(() -> scanner().run(empty, small(List.of(3)), ScanListener.NONE))
                .isInstanceOf(ScanException.class).hasMessageContaining("'" + empty.name() + "' is empty");
    }

    @Test
    void aGeneratorThatCannotInvertTheImagesIsRefusedBeforeAnyQuestionIsAsked() {
        // the untrained tiny generator's G(z0) keeps the classifier's label on few images; demand all of them
        ScanSettings d = small(List.of(3));
        ScanSettings strict = new ScanSettings(d.probes(), 2, 8, 2, 0, d.addThreshold(), d.minBox(),
                d.maxBoxFraction(), d.minExcessShare(), d.minMassShare(), d.minLift(), 2, 3, 1.0);
        int[] questions = {0};
        ScanListener counting = new ScanListener() {
            @Override
            public void batchDone(int probe, int probeIndex, int probes, int done, int total, long elapsedMillis) {
                questions[0] += done;
            }
        };

        assertThatThrownBy(() -> scanner().run(samples, strict, counting)).isInstanceOf(ScanException.class)
                .hasMessageContaining("--generator tiny-gen cannot invert the sample images")
                .hasMessageContaining("need at least 1.00");
        assertThat(questions[0]).isZero();
    }

    @Test
    void aSampleSetTooSmallForALaterProbeIsRefusedBeforeAnyQuestionIsAsked() {
        // four images the classifier calls x: probe x has no image to ask "why not x?" about, another probe has
        int[] predicted = io.cdeepex.explain.ClassifierPredictions.predict(classifier, samples, Device.cpu());
        int x = mostCommon(predicted);
        int[] picks = java.util.stream.IntStream.range(0, predicted.length).filter(i -> predicted[i] == x).limit(4)
                .toArray();
        ImageSet allX = samples.subset(picks);
        int other = java.util.stream.IntStream.range(0, classifier.numClasses())
                .filter(k -> k != x && !labelled(allX, k)).findFirst().orElseThrow();
        int[] questions = {0};
        ScanListener counting = new ScanListener() {
            @Override
            public void batchDone(int probe, int probeIndex, int probes, int done, int total, long elapsedMillis) {
                questions[0] += done;
            }
        };

        assertThat(picks).hasSize(4);
        assertThatThrownBy(() -> scanner().run(allX, small(List.of(other, x)), counting))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("has only 0 images the classifier does not call '" + x + "'");
        assertThat(questions[0]).isZero();
    }

    private static int mostCommon(int[] values) {
        int[] counts = new int[10];
        for (int v : values) counts[v]++;
        int best = 0;
        for (int c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
        return best;
    }

    private static boolean labelled(ImageSet set, int k) {
        for (int i = 0; i < set.size(); i++) if (set.label(i) == k) return true;
        return false;
    }

    @Test
    void aScanStoppedDuringItsSecondProbeKeepsTheFirstOnDisk(@TempDir Path out) throws IOException {
        Path json = out.resolve("scan.json");
        ScanListener stopsInSecondProbe = new ScanListener() {
            @Override
            public void batchDone(int probe, int probeIndex, int probes, int done, int total, long elapsedMillis) {
                if (probeIndex == 1) throw new IllegalStateException("stopped");
            }

            @Override
            public void probeDone(ScanResult soFar) {
                try {
                    ScanFiles.writeJson(soFar, json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };

        assertThatThrownBy(() -> scanner().run(samples, small(List.of(3, 5)), stopsInSecondProbe))
                .hasMessage("stopped");

        JsonNode kept = new ObjectMapper().readTree(json.toFile());
        assertThat(kept.get("complete").asBoolean()).isFalse();
        assertThat(kept.get("probes").toString()).isEqualTo("[3,5]");
        assertThat(kept.get("probesDone")).hasSize(1);
        assertThat(kept.get("probesDone").get(0).get("probe").asInt()).isEqualTo(3);
        assertThat(kept.get("probesDone").get(0).get("images").asInt()).isEqualTo(2);
        kept.get("findings").forEach(f -> assertThat(f.get("probe").asInt()).isEqualTo(3));
    }
}
