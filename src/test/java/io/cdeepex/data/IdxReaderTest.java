package io.cdeepex.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Three 2x3 images whose pixel p of image i is (10 * i + p) / 255. */
    private static float[][] smallImages() {
        float[][] images = new float[3][6];
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 6; p++) {
                images[i][p] = (10 * i + p) / 255f;
            }
        }
        return images;
    }

    @Test
    void gzippedPairRoundTrips() throws IOException {
        Path images = dir.resolve("tiny-images-idx3-ubyte.gz");
        Path labels = dir.resolve("tiny-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(images, 2, 3, smallImages());
        IdxWriter.writeLabels(labels, new int[] {7, 0, 255});

        assertThat(Files.readAllBytes(images)).startsWith((byte) 0x1f, (byte) 0x8b);
        ImageSet set = IdxReader.read(images, labels, "tiny", "tiny", List.of());
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.height()).isEqualTo(2);
        assertThat(set.width()).isEqualTo(3);
        assertThat(set.labels()).containsExactly(7, 0, 255);
        assertThat(set.id(2)).isEqualTo("tiny#2");
        for (int i = 0; i < 3; i++) {
            assertThat(set.image(i)).containsExactly(smallImages()[i]);
        }
    }

    @Test
    void rawFilesAndGzipWithoutGzSuffixBothRead() throws IOException {
        Path raw = dir.resolve("raw-images-idx3-ubyte");
        IdxWriter.writeImages(raw, 2, 3, smallImages());
        assertThat(Files.size(raw)).isEqualTo(16 + 3 * 6);
        assertThat(IdxReader.readImages(raw).pixels()[1]).containsExactly(smallImages()[1]);

        Path gz = dir.resolve("z-images-idx3-ubyte.gz");
        IdxWriter.writeImages(gz, 2, 3, smallImages());
        Path renamed = Files.copy(gz, dir.resolve("z-images-idx3-ubyte.bin"));
        assertThat(IdxReader.readImages(renamed).pixels()[2]).containsExactly(smallImages()[2]);
    }

    @Test
    void writerClampsAndRoundsToBytes() throws IOException {
        Path file = dir.resolve("c-images-idx3-ubyte.gz");
        IdxWriter.writeImages(file, 1, 4, new float[][] {{-0.5f, 2f, 0.5f, Float.NaN}});
        assertThat(IdxReader.readImages(file).pixels()[0]).containsExactly(0f, 1f, 128 / 255f, 0f);
    }

    @Test
    void labelsFileReadAsImagesNamesFileAndMagic() throws IOException {
        Path labels = dir.resolve("l-labels-idx1-ubyte.gz");
        IdxWriter.writeLabels(labels, new int[] {1, 2});
        assertThatThrownBy(() -> IdxReader.readImages(labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("bad IDX magic number 2049 (a labels file)")
                .hasMessageContaining("expected 2051");
    }

    @Test
    void garbageMagicIsReported() throws IOException {
        Path file = dir.resolve("junk-images-idx3-ubyte");
        Files.write(file, new byte[] {0, 0, 1, 2, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("bad IDX magic number 258; expected 2051");
    }

    @Test
    void truncatedRawFileIsReported() throws IOException {
        Path file = dir.resolve("t-images-idx3-ubyte");
        IdxWriter.writeImages(file, 2, 3, smallImages());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated IDX file, the header promises 3 images of 2x3")
                .hasMessageContaining("item 2");
    }

    @Test
    void truncatedGzipFileIsReported() throws IOException {
        Path file = dir.resolve("t-labels-idx1-ubyte.gz");
        IdxWriter.writeLabels(file, new int[1000]);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path file = dir.resolve("h-images-idx3-ubyte");
        Files.write(file, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated IDX header, it ends before the rows");
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        Path file = dir.resolve("x-labels-idx1-ubyte");
        IdxWriter.writeLabels(file, new int[] {1, 2, 3});
        Files.write(file, new byte[] {9}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("longer than its header says (3 labels)");
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path images = dir.resolve("m-images-idx3-ubyte.gz");
        Path labels = dir.resolve("m-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(images, 2, 3, smallImages());
        IdxWriter.writeLabels(labels, new int[] {1, 2});
        assertThatThrownBy(() -> IdxReader.read(images, labels, "m", "m", List.of()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images + " holds 3 images but " + labels + " holds 2 labels");
    }

    @Test
    void labelOutsideClassNamesIsReported() throws IOException {
        Path images = dir.resolve("k-images-idx3-ubyte.gz");
        Path labels = dir.resolve("k-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(images, 2, 3, smallImages());
        IdxWriter.writeLabels(labels, new int[] {1, 12, 2});
        assertThatThrownBy(() -> IdxReader.read(images, labels, "k", "k", Datasets.DIGITS))
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 1 is 12, expected 0..9");
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("absent-images-idx3-ubyte.gz");
        assertThatThrownBy(() -> IdxReader.readImages(file)).hasMessage("IDX file not found: " + file);
    }
}
