package io.cdeepex.explain.scan;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Region;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CounterfactualCheckTest {
    @Test
    void pasteRaisesTheBoxByThePatternScaledToPeakOneAndLeavesTheRest() {
        float[] image = new float[4 * 4];
        image[5] = 0.5f; // (x=1, y=1)
        ImageSet set = new ImageSet("one", 1, 4, 4, new float[][] {image}, new int[] {0}, new String[] {"a"},
                java.util.List.of());
        float[] map = new float[16];
        map[5] = 0.2f;
        map[6] = 0.1f; // (x=2, y=1)
        map[0] = 5f;   // outside the box: neither pasted nor part of the peak

        float[] pasted = CounterfactualCheck.paste(set, map, 4, new Region(1, 1, 2, 2), Sign.ADDED).image(0);

        assertThat(pasted[5]).isEqualTo(1f);   // 0.5 + 0.2/0.2 clipped at 1
        assertThat(pasted[6]).isEqualTo(0.5f); // 0 + 0.1/0.2
        assertThat(pasted[0]).isEqualTo(0f);
        assertThat(CounterfactualCheck.paste(set, map, 4, new Region(1, 1, 2, 2), Sign.REMOVED).image(0)[5])
                .isEqualTo(0f);
    }

    @Test
    void flipRateCountsTheProbeCallsAfterThePasteOnARealTinyClassifier() throws Exception {
        ImageSet samples = Datasets.load("mnist-samples");
        int[] picks = IntStream.range(0, samples.size()).filter(i -> i % 25 == 0).toArray();
        ImageSet clean = samples.subset(picks);
        int[] truth = IntStream.of(picks).map(samples::label).toArray();
        try (Classifier c = ModelLoader.loadClassifier(Path.of("src/test/resources/models/tiny-cnn"), Device.cpu())) {
            int[] before = ClassifierEvaluation.predict(c, clean, Device.cpu());
            float[] zero = new float[28 * 28];
            CounterfactualCheck.Result nothing = CounterfactualCheck.run(c, Device.cpu(), clean, truth, zero,
                    new Region(0, 0, 7, 7), Sign.ADDED, 1);
            long ones = IntStream.of(before).filter(p -> p == 1).count();
            assertThat(nothing.flipRate()).isEqualTo(nothing.baseRate()).isEqualTo((double) ones / clean.size());

            float[] white = new float[28 * 28];
            java.util.Arrays.fill(white, 1f);
            CounterfactualCheck.Result all = CounterfactualCheck.run(c, Device.cpu(), clean, truth, white,
                    new Region(0, 0, 28, 28), Sign.ADDED, 1);
            int[] after = ClassifierEvaluation.predict(c, CounterfactualCheck.paste(clean, white, 28,
                    new Region(0, 0, 28, 28), Sign.ADDED), Device.cpu());
            // an all-white image is one image: every pasted digit gets the same class
            assertThat(IntStream.of(after).distinct().count()).isEqualTo(1);
            assertThat(all.flipRate()).isEqualTo(after[0] == 1 ? 1.0 : 0.0);
            assertThat(all.checkedClasses()).isEqualTo(10);
        }
    }

    @Test
    void decisionsMadeBeforeCountAsTheBaseRateAndMustMatchTheImages() throws Exception {
        ImageSet samples = Datasets.load("mnist-samples");
        int[] picks = IntStream.range(0, 40).toArray();
        ImageSet clean = samples.subset(picks);
        int[] truth = IntStream.of(picks).map(samples::label).toArray();
        float[] map = new float[28 * 28];
        for (int y = 10; y < 18; y++) for (int x = 10; x < 18; x++) map[y * 28 + x] = 0.8f;
        Region box = new Region(10, 10, 8, 8);
        try (Classifier c = ModelLoader.loadClassifier(Path.of("src/test/resources/models/tiny-cnn"), Device.cpu())) {
            int[] before = ClassifierEvaluation.predict(c, clean, Device.cpu());
            CounterfactualCheck.Result computed = CounterfactualCheck.run(c, Device.cpu(), clean, truth, map, box,
                    Sign.ADDED, 1);
            CounterfactualCheck.Result given = CounterfactualCheck.run(c, Device.cpu(), clean, before, truth, map,
                    box, Sign.ADDED, 1);
            assertThat(given).isEqualTo(computed);

            int[] allOnes = new int[clean.size()];
            java.util.Arrays.fill(allOnes, 1);
            assertThat(CounterfactualCheck.run(c, Device.cpu(), clean, allOnes, truth, map, box, Sign.ADDED, 1)
                    .baseRate()).isEqualTo(1.0);
            assertThatThrownBy(() -> CounterfactualCheck.run(c, Device.cpu(), clean, new int[3], truth, map, box,
                    Sign.ADDED, 1)).hasMessage("3 decisions for 40 clean images");
        }
    }

    @Test
    void flipRateIntervalIsTheWilsonScoreInterval() {
        // reference values: the Wilson score interval, z = 1.96, worked out apart from this code
        assertThat(interval(8, 40)).containsExactly(new double[] {0.1050, 0.3476}, within(5e-4));
        assertThat(interval(40, 200)).containsExactly(new double[] {0.1505, 0.2609}, within(5e-4));
        assertThat(interval(0, 40)).containsExactly(new double[] {0.0, 0.0876}, within(5e-4));
        assertThat(interval(40, 40)).containsExactly(new double[] {0.9124, 1.0}, within(5e-4));
        assertThat(new CounterfactualCheck.Result(0, Double.NaN, Double.NaN, 0, 0).flipRateInterval())
                .containsOnly(Double.NaN);
    }

    private static double[] interval(int flips, int images) {
        CounterfactualCheck.Result r = new CounterfactualCheck.Result(images, (double) flips / images, 0, 1, 1);
        assertThat(r.flips()).isEqualTo(flips);
        return r.flipRateInterval();
    }
}
