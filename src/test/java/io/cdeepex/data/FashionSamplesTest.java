package io.cdeepex.data;

import io.cdeepex.cli.DataCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed Fashion-MNIST sample set and the command that regenerates it. */
class FashionSamplesTest {

    @Test
    void loadsFiveHundredImagesFiftyOfEachClassWithTheFashionClassNames() {
        ImageSet samples = Datasets.load("fashion-samples");
        assertThat(samples.name()).isEqualTo("fashion-samples");
        assertThat(samples.size()).isEqualTo(500);
        assertThat(samples.channels()).isEqualTo(1);
        assertThat(samples.height()).isEqualTo(28);
        assertThat(samples.width()).isEqualTo(28);
        assertThat(samples.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        int[] perClass = new int[10];
        for (int label : samples.labels()) perClass[label]++;
        assertThat(perClass).containsOnly(50);
        assertThat(samples.id(0)).isEqualTo("fashion-samples#0");
        // Real images in 0..1, not blank: clothes cover a good part of the frame.
        for (int i = 0; i < samples.size(); i++) {
            float max = 0;
            for (float v : samples.image(i)) {
                assertThat(v).isBetween(0f, 1f);
                max = Math.max(max, v);
            }
            assertThat(max).as("brightest pixel of image %d", i).isGreaterThan(0.3f);
        }
        assertThat(Datasets.names()).contains("fashion-samples");
    }

    @Test
    void theSelectionTakesTheFirstImagesOfEachClassInOrder() {
        int n = 40;
        float[][] pixels = new float[n][4];
        int[] labels = new int[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 10;
            pixels[i][0] = i / 100f;
            ids[i] = "t#" + i;
        }
        ImageSet tiny = new ImageSet("tiny", 1, 2, 2, pixels, labels, ids, Datasets.FASHION);
        assertThatThrownBy(() -> FashionSamples.select(tiny)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("tiny lacks 50 images of every class");
        ImageSet two = PerClassSamples.firstOfEachClass(tiny, 10, 2, "two");
        assertThat(two.size()).isEqualTo(20);
        for (int k = 1; k < two.size(); k++) {
            assertThat(two.image(k)[0]).as("kept in source order").isGreaterThan(two.image(k - 1)[0]);
        }
        assertThat(two.classNames()).isEqualTo(Datasets.FASHION);
    }

    @Test
    void theCommandRegeneratesTheCommittedFilesFromFashionMnist(@TempDir Path target) throws Exception {
        assumeTrue(Files.isRegularFile(Datasets.fashionDir().resolve("t10k-images-idx3-ubyte.gz")),
                "Debian's dataset-fashion-mnist is not installed");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DataCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("fashion-samples", "--out", target.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("fashion-samples   500 images   0:50  1:50");
        for (String file : new String[] {FashionSamples.IMAGES_FILE, FashionSamples.LABELS_FILE}) {
            assertThat(Files.readAllBytes(target.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(Path.of("audits", "data", file)));
        }
        // And they are the first fifty of each class of the test set, pixel for pixel.
        ImageSet test = Datasets.load("fashion-mnist-test");
        ImageSet samples = Datasets.load("fashion-samples");
        assertThat(test.size()).isEqualTo(10_000);
        int[] seen = new int[10];
        int k = 0;
        for (int i = 0; i < test.size() && k < samples.size(); i++) {
            if (seen[test.label(i)]++ < 50) {
                assertThat(samples.label(k)).isEqualTo(test.label(i));
                assertThat(samples.image(k)).containsExactly(test.image(i));
                k++;
            }
        }
        assertThat(k).isEqualTo(500);
    }

    @Test
    void theCommandNamesTheMissingFiles(@TempDir Path empty) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DataCommand());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("fashion-samples", "--fashion", empty.toString(), "--out", empty.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("fashion-mnist-test not found").contains("t10k-images-idx3-ubyte.gz")
                .contains("apt-get install dataset-fashion-mnist");
    }
}
