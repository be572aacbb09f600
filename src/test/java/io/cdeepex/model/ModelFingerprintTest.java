package io.cdeepex.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFingerprintTest {
    private static final Path TINY_CNN = Path.of("src/test/resources/models/tiny-cnn");

    /**
     * Pinned with coreutils: {@code cd src/test/resources/models/tiny-cnn && sha256sum model.yaml tiny-cnn.pt |
     * sha256sum}.
     */
    @Test
    void isTheSha256sumOfTheCardAndWeightsListing() {
        assertThat(ModelFingerprint.of(TINY_CNN, ModelCards.read(TINY_CNN)))
                .isEqualTo("f817b8830d3838f9c81ee87786e8afa088ff170dfe050e15d194e36aecb9136b");
        assertThat(ModelFingerprint.shown("f817b8830d3838f9c81ee87786e8afa088ff170dfe050e15d194e36aecb9136b"))
                .isEqualTo("sha256:f817b8830d38");
    }

    @Test
    void dependsOnTheBytesNotOnWhereTheModelLies(@TempDir Path tmp) throws IOException {
        Path copy = copy(TINY_CNN, tmp.resolve("elsewhere"));
        String original = ModelFingerprint.of(TINY_CNN, ModelCards.read(TINY_CNN));
        assertThat(ModelFingerprint.of(copy, ModelCards.read(copy))).isEqualTo(original);

        Path weights = copy.resolve("tiny-cnn.pt");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        Files.write(weights, bytes);
        Files.setLastModifiedTime(weights, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        String changedWeights = ModelFingerprint.of(copy, ModelCards.read(copy));
        assertThat(changedWeights).isNotEqualTo(original);

        Path card = copy.resolve(ModelCards.FILE_NAME);
        Files.writeString(card, Files.readString(card) + "# a comment changes the card\n");
        assertThat(ModelFingerprint.of(copy, ModelCards.read(copy))).isNotIn(original, changedWeights);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList())
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return to;
    }
}
