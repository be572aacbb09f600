package io.cdeepex.explain.baseline;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.StopReason;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Prediction difference analysis on a hand-weighted real model whose class-1 logit reads one 8x8 region only, and once
 * end to end through the {@link Explainer} on the tiny TorchScript models.
 */
class PredictionDifferenceTest {
    static final int SIZE = 28;
    // the region the model reads: rows 10..17, columns 14..21 (not aligned with the stride-4 windows)
    static final int TOP = 10, LEFT = 14, SIDE = 8;

    /** Two classes; logit(1) = 20 * (mean intensity inside the region - 0.25), logit(0) = 0. */
    static RegionModel regionClassifier() {
        return new RegionModel(SIZE, TOP, LEFT, SIDE, 20f, 0.25f);
    }

    static boolean inRegion(int r, int q) {
        return r >= TOP && r < TOP + SIDE && q >= LEFT && q < LEFT + SIDE;
    }

    /** Dark background (0.1) with the region bright (0.8). */
    static float[] brightRegion() {
        float[] x = new float[SIZE * SIZE];
        for (int r = 0; r < SIZE; r++) for (int q = 0; q < SIZE; q++) x[r * SIZE + q] = inRegion(r, q) ? 0.8f : 0.1f;
        return x;
    }

    /** Reference images: independent dark pixels, uniform in 0..0.2 (the region is never bright in the "data"). */
    static float[][] darkImages(int count) {
        Random random = new Random(99);
        float[][] out = new float[count][SIZE * SIZE];
        for (float[] row : out) for (int j = 0; j < row.length; j++) row[j] = 0.2f * random.nextFloat();
        return out;
    }

    record Run(RelevanceMaps maps, long forwards) {}

    static Run run(long seed) {
        SolverSettings s = SolverSettings.defaults().withMethod(Method.PDA);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ModelProbe probe = new ModelProbe(regionClassifier(), manager);
            BaselineContext context = new BaselineContext(probe, s, new Random(seed),
                    PredictionDifferenceTest::darkImages);
            float[] x = brightRegion();
            RelevanceMaps maps = new PredictionDifference().relevance(context, new float[][]{x, x}, new int[]{1, 0});
            return new Run(maps, probe.forwards());
        }
    }

    @Test
    void marksTheRegionTheModelReadsAndNothingFarFromIt() {
        Run run = run(42);
        float[] forRegion = run.maps().maps()[0];
        float[] forElsewhere = run.maps().maps()[1];
        assertThat(forRegion).hasSize(SIZE * SIZE);

        int best = 0;
        float maxInside = Float.NEGATIVE_INFINITY, maxOutside = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < forRegion.length; j++) {
            if (forRegion[j] > forRegion[best]) best = j;
            if (inRegion(j / SIZE, j % SIZE)) maxInside = Math.max(maxInside, forRegion[j]);
            else maxOutside = Math.max(maxOutside, forRegion[j]);
        }
        System.out.printf("PDA region map: max inside %.3f bits, max outside %.3f bits%n", maxInside, maxOutside);
        assertThat(inRegion(best / SIZE, best % SIZE)).as("largest value at (%d, %d)", best / SIZE, best % SIZE)
                .isTrue();
        assertThat(maxInside).as("evidence for class 'region' inside it").isGreaterThan(1f).isGreaterThan(maxOutside);

        for (int r = 0; r < SIZE; r++) {
            for (int q = 0; q < SIZE; q++) {
                // no 8-pixel window covering a pixel this far from the region reaches into it
                boolean far = r <= TOP - SIDE || r >= TOP + 2 * SIDE - 1
                        || q <= LEFT - SIDE || q >= LEFT + 2 * SIDE - 1;
                if (far) assertThat(forRegion[r * SIZE + q]).as("far pixel (%d, %d)", r, q)
                        .isCloseTo(0f, within(1e-3f));
            }
        }
        // two classes: evidence for one is evidence against the other (up to the two images' own samples)
        int worst = 0;
        for (int j = 0; j < forRegion.length; j++) {
            if (forElsewhere[j] < forElsewhere[worst]) worst = j;
            assertThat(forElsewhere[j]).as("class 'elsewhere', pixel (%d, %d)", j / SIZE, j % SIZE)
                    .isCloseTo(-forRegion[j], within(0.1f * maxInside));
        }
        assertThat(inRegion(worst / SIZE, worst % SIZE)).as("most negative value for class 'elsewhere' at (%d, %d)",
                worst / SIZE, worst % SIZE).isTrue();
        assertThat(run.maps().diagnostics(0)).containsEntry("pda.positions", 36.0);
        assertThat(run.forwards()).as("2 images x 36 positions x 10 samples, plus the 2 images")
                .isEqualTo(2 * 36 * 10 + 2);
    }

    @Test
    void theSameSeedGivesTheSameMap() {
        float[] a = run(7).maps().maps()[0];
        float[] b = run(7).maps().maps()[0];
        float[] other = run(8).maps().maps()[0];
        assertThat(b).containsExactly(a);
        assertThat(other).as("another seed draws other window contents").isNotEqualTo(a);
    }

    @Test
    void endToEndThroughTheExplainerOnTheTinyModels() {
        Path models = Path.of("src/test/resources/models");
        ImageSet digits = new SampleFilter(List.of(), List.of(), 2, 3).select(Datasets.load("mnist-samples"));
        SolverSettings s = SolverSettings.defaults().withMethod(Method.PDA).toBuilder()
                .pdaSamples(4).pdaReferenceImages(64).build();
        try (Classifier classifier = ModelLoader.loadClassifier(models.resolve("tiny-cnn"), Device.cpu());
             Generator generator = ModelLoader.loadGenerator(models.resolve("tiny-gen"), Device.cpu())) {
            List<Explanation> out = new Explainer(classifier, generator, s, Device.cpu())
                    .explain(List.of(Question.of(digits, 0), Question.of(digits, 1)));
            assertThat(out).hasSize(2).allSatisfy(e -> {
                assertThat(e.method()).isEqualTo(Method.PDA);
                assertThat(e.difference()).hasSize(28 * 28);
                for (float v : e.difference()) assertThat(Float.isFinite(v)).as("finite difference value").isTrue();
                assertThat(e.stop()).isEqualTo(e.satisfied() ? StopReason.MAPS_KEPT : StopReason.NO_MAP_KEPT);
                assertThat(e.modelEvaluations()).isPositive();
                assertThat(e.diagnostics()).containsEntry("pda.positions.true", 36.0)
                        .containsEntry("pda.positions.probe", 36.0);
            });
            System.out.printf("PDA end to end: maps kept %d and %d, %d model evaluations per question%n",
                    out.get(0).mapsKept(), out.get(1).mapsKept(), out.get(0).modelEvaluations());
        }
    }
}
