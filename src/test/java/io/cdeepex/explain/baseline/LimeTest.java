package io.cdeepex.explain.baseline;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
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
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LimeTest {
    static final int SIZE = 28;
    /** The region the hand-built classifier reads: rows 3..8, columns 18..23 (the top-right square). */
    static final int TOP = 3, LEFT = 18, SIDE = 6;
    static final SolverSettings SETTINGS = SolverSettings.defaults().withMethod(Method.LIME).toBuilder()
            .limeSamples(1000).limeSegments(50).build();

    /**
     * A real model built by hand: logit of class 1 = 20 * (mean intensity inside the region - 0.25), the other nine
     * logits 0. Only the region matters; class 0 loses what class 1 gains.
     */
    static final class RegionClassifier implements Classifier {
        @Override
        public NDArray logits(NDArray images) {
            long n = images.getShape().get(0);
            NDArray mean = images.get(new NDIndex(":, :, {}:{}, {}:{}", TOP, TOP + SIDE, LEFT, LEFT + SIDE))
                    .reshape(n, -1).mean(new int[] {1});
            float[] oneHot = new float[10];
            oneHot[1] = 1;
            return mean.sub(0.25f).mul(20f).reshape(n, 1)
                    .mul(images.getManager().create(oneHot, new Shape(1, 10)));
        }

        @Override public Shape inputShape() { return new Shape(1, SIZE, SIZE); }
        @Override public List<String> classNames() { return IntStream.range(0, 10).mapToObj(String::valueOf).toList(); }
        @Override public String name() { return "region"; }
        @Override public ModelCard card() {
            ModelCard card = new ModelCard();
            card.kind = ModelCard.Kind.classifier;
            card.inputShape = List.of(1, SIZE, SIZE);
            card.classNames = classNames();
            return card;
        }
        @Override public void close() {}
    }

    /** Three bright 6x6 squares on black; only the top-right one lies in the region. */
    static float[] squares() {
        float[] image = new float[SIZE * SIZE];
        int[][] corners = {{3, 3}, {TOP, LEFT}, {18, 11}};
        for (int[] c : corners) {
            for (int y = c[0]; y < c[0] + SIDE; y++) for (int x = c[1]; x < c[1] + SIDE; x++) image[y * SIZE + x] = 1;
        }
        return image;
    }

    static boolean inRegion(int pixel) {
        int y = pixel / SIZE, x = pixel % SIZE;
        return y >= TOP && y < TOP + SIDE && x >= LEFT && x < LEFT + SIDE;
    }

    static RelevanceMaps lime(NDManager manager, long seed, float[][] images, int[] classes, ModelProbe[] probe) {
        probe[0] = new ModelProbe(new RegionClassifier(), manager);
        BaselineContext context = new BaselineContext(probe[0], SETTINGS, new Random(seed), n -> {
            throw new AssertionError("LIME needs no reference images");
        });
        return new Lime().relevance(context, images, classes);
    }

    @Test
    void theTopSuperpixelIsTheOneTheModelReadsAndTheOthersWeighNearNothing() {
        float[] image = squares();
        Superpixels segments = Superpixels.of(image, 1, SIZE, SIZE, SETTINGS.baselines().limeSegments());
        ModelProbe[] probe = new ModelProbe[1];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            RelevanceMaps maps = lime(manager, 42, new float[][] {image, image}, new int[] {1, 0}, probe);
            assertThat(probe[0].forwards()).as("the same image is sampled once for both classes")
                    .isEqualTo(SETTINGS.baselines().limeSamples());

            float[] forOne = maps.maps()[0];
            float[] forZero = maps.maps()[1];
            assertThat(forOne).hasSize(SIZE * SIZE);
            double[] weight = new double[segments.count()];
            boolean[] inside = new boolean[segments.count()];
            boolean[] outside = new boolean[segments.count()];
            Arrays.fill(inside, true);
            Arrays.fill(outside, true);
            for (int p = 0; p < forOne.length; p++) {
                int l = segments.labels()[p];
                weight[l] = forOne[p];
                if (inRegion(p)) outside[l] = false;
                else inside[l] = false;
            }
            int top = 0;
            for (int l = 1; l < weight.length; l++) if (weight[l] > weight[top]) top = l;
            assertThat(inside[top]).as("top superpixel %d (weight %.3f) lies inside the region", top, weight[top])
                    .isTrue();
            double smallestInside = Double.POSITIVE_INFINITY;
            double largestOutside = 0;
            double meanOutside = 0;
            int outsideCount = 0;
            for (int l = 0; l < weight.length; l++) {
                if (inside[l]) smallestInside = Math.min(smallestInside, weight[l]);
                if (outside[l]) {
                    largestOutside = Math.max(largestOutside, Math.abs(weight[l]));
                    meanOutside += Math.abs(weight[l]);
                    outsideCount++;
                }
            }
            meanOutside /= outsideCount;
            System.out.printf("LIME: %d segments, top weight %.4f, smallest inside %.4f, |weight| outside the region: "
                            + "mean %.4f, largest %.4f; score %.3f%n", segments.count(), weight[top], smallestInside,
                    meanOutside, largestOutside, maps.diagnostics(0).get("lime.score"));
            assertThat(meanOutside).as("mean |weight| outside the region").isLessThan(0.05 * weight[top]);
            assertThat(largestOutside).as("largest |weight| outside the region").isLessThan(0.25 * smallestInside);

            // class 0 loses what class 1 gains: the region is evidence against it
            for (int p = 0; p < forZero.length; p++) {
                if (inside[segments.labels()[p]]) assertThat(forZero[p]).isNegative();
            }
            assertThat(maps.diagnostics(0).get("lime.segments")).isEqualTo(segments.count());
            assertThat(maps.diagnostics(1).get("lime.segments")).isEqualTo(segments.count());
            assertThat(maps.diagnostics(0).get("lime.score")).isBetween(0.5, 1.0);
        }
    }

    @Test
    void theSameSeedGivesTheSameMap() {
        float[] image = squares();
        ModelProbe[] probe = new ModelProbe[1];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            float[] a = lime(manager, 7, new float[][] {image}, new int[] {1}, probe).maps()[0];
            float[] b = lime(manager, 7, new float[][] {image}, new int[] {1}, probe).maps()[0];
            float[] c = lime(manager, 8, new float[][] {image}, new int[] {1}, probe).maps()[0];
            assertThat(b).containsExactly(a);
            assertThat(c).as("another seed draws other samples").isNotEqualTo(a);
        }
    }

    @Test
    void samplesNearTheImageWeighMost() {
        // cosine distance to all-on: 0, 1 - sqrt(1/4) = 0.5, and 1 for all-off; kernel sqrt(exp(-d^2 / 0.25^2))
        double[] w = Lime.kernelWeights(new double[][] {{1, 1, 1, 1}, {0, 0, 1, 0}, {0, 0, 0, 0}});
        assertThat(w[0]).isEqualTo(1.0);
        assertThat(w[1]).isCloseTo(Math.exp(-2), within(1e-12));
        assertThat(w[2]).isCloseTo(Math.exp(-8), within(1e-12));
        double[][] masks = Lime.masks(200, 10, new Random(5));
        assertThat(masks[0]).containsOnly(1.0);
        double on = 0;
        for (int k = 1; k < masks.length; k++) for (double v : masks[k]) on += v;
        assertThat(on / (199 * 10)).as("share of superpixels on").isBetween(0.4, 0.6);
    }

    @Test
    void aClassTheModelDoesNotHaveIsAClearError() {
        ModelProbe[] probe = new ModelProbe[1];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertThatThrownBy(() -> lime(manager, 1, new float[][] {squares()}, new int[] {10}, probe))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 10")
                    .hasMessageContaining("0..9");
        }
    }

    @Test
    void explainsRealDigitsEndToEndThroughTheExplainer() {
        Path models = Path.of("src/test/resources/models");
        try (Classifier classifier = ModelLoader.loadClassifier(models.resolve("tiny-cnn"), Device.cpu());
             Generator generator = ModelLoader.loadGenerator(models.resolve("tiny-gen"), Device.cpu())) {
            ImageSet digits = new SampleFilter(List.of(), List.of(), 2, 5).select(Datasets.load("mnist-samples"));
            SolverSettings s = SolverSettings.defaults().withMethod(Method.LIME).toBuilder().limeSamples(200).build();
            List<Question> questions = new ArrayList<>();
            for (int i = 0; i < digits.size(); i++) questions.add(Question.of(digits, i));
            List<Explanation> out = new Explainer(classifier, generator, s, Device.cpu()).explain(questions);
            assertThat(out).hasSize(2).allSatisfy(e -> {
                assertThat(e.method()).isEqualTo(Method.LIME);
                assertThat(e.difference()).hasSize(e.height() * e.width());
                for (float v : e.difference()) assertThat(Float.isFinite(v)).isTrue();
                assertThat(e.mapsKept()).isGreaterThanOrEqualTo(0);
                assertThat(e.stop()).isEqualTo(e.satisfied() ? StopReason.MAPS_KEPT : StopReason.NO_MAP_KEPT);
                assertThat(e.modelEvaluations()).isPositive();
                assertThat(e.diagnostics()).containsKeys("lime.segments.true", "lime.score.probe");
                System.out.printf("LIME %s: true %d probe %d, kept %d, segments %.0f, score true %.3f probe %.3f, "
                                + "evaluations %d%n", e.imageId(), e.trueClass(), e.probeClass(), e.mapsKept(),
                        e.diagnostics().get("lime.segments.true"), e.diagnostics().get("lime.score.true"),
                        e.diagnostics().get("lime.score.probe"), e.modelEvaluations());
            });
        }
    }
}
