package io.cdeepex.evaluate;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.scan.ScanListener;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.explain.scan.TinyScans;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's bookkeeping on the tiny real models (the answers' quality is measured by the command). */
class BiasBenchmarkTest {
    private static final Path MODELS = Path.of("src/test/resources/models");
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

    private static BiasBenchmark benchmark(List<String> progress) {
        return new BiasBenchmark(new Explainer(classifier, generator, FAST, Device.cpu()), samples, progress::add);
    }

    private static ScanSettings smallScan() {
        return TinyScans.settings(List.of(3));
    }

    @Test
    void questionsSkipTheProbeClassAndWhatTheClassifierCallsItAndTakeEveryClassInTurn() {
        int probe = 3;
        int[] predicted = ClassifierEvaluation.predict(classifier, samples, Device.cpu());
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < samples.size(); i++) index.put(samples.id(i), i);

        List<Question> qs = benchmark(new ArrayList<>()).questions(probe, 20);

        assertThat(qs).hasSize(20).allSatisfy(q -> {
            assertThat(q.probeClass()).isEqualTo(probe);
            assertThat(q.trueClass()).isNotEqualTo(probe);
            assertThat(predicted[index.get(q.imageId())]).as(q.imageId()).isNotEqualTo(probe);
        });
        // the first round asks one image of every other class the classifier leaves some of
        long firstRoundClasses = qs.subList(0, 9).stream().mapToInt(Question::trueClass).distinct().count();
        assertThat(firstRoundClasses).isEqualTo(9);
    }

    @Test
    void anArtefactBoxCoveringTheWholeInputHoldsAllOfEveryAnswersRed() {
        PlantSpec everywhere = new PlantSpec(java.util.OptionalInt.of(3), 0, 0, 28, 1f);
        List<String> progress = new ArrayList<>();

        BiasBenchmark.Result r = benchmark(progress).run(everywhere, List.of(Method.CDEEPEX), 3, smallScan(),
                ScanListener.NONE);

        assertThat(r.methods()).first().satisfies(m -> {
            assertThat(m.answers()).isEqualTo(3);
            assertThat(m.redShares()).containsOnly(1.0);
            assertThat(m.showingShare()).isEqualTo(1.0);
        });
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("cdeepex").contains("3/3 answers over half"));
        assertThat(r.scan().aggregates()).hasSize(1);
    }

    @Test
    void theControlRunsTheScanAlone() {
        BiasBenchmark.Result r = benchmark(new ArrayList<>()).run(null, List.of(Method.CDEEPEX), 3, smallScan(),
                ScanListener.NONE);

        assertThat(r.methods()).isEmpty();
        assertThat(r.topOverlaps()).isFalse();
        assertThat(r.overlappingRank()).isZero();
        assertThat(r.toMap()).containsEntry("plant", null).containsKey("maxFlipRate");
    }

    @Test
    void aPlantWithoutAClassIsRefusedWithTheReason() {
        PlantSpec anywhere = PlantSpec.parse("square:x=0,y=0,size=4,value=1");

        assertThatThrownBy(() -> benchmark(new ArrayList<>()).run(anywhere, List.of(Method.CDEEPEX), 3, smallScan(),
                ScanListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no class");
    }

    @Test
    void sharesSummariseByMeanAndByAnswersOverHalf() {
        BiasBenchmark.MethodResult m = new BiasBenchmark.MethodResult("lime", Method.LIME, 4, 4,
                new double[] {0.6, 0.2, 0.9, 0.5});

        assertThat(m.meanRedShare()).isCloseTo(0.55, within(1e-12));
        assertThat(m.showingShare()).isEqualTo(0.5);  // 0.5 itself is not more than half
    }
}
