package io.cdeepex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScanCommandTest {
    private static final String CLASSIFIER = "src/test/resources/models/tiny-cnn";
    private static final String GENERATOR = "src/test/resources/models/tiny-gen";

    @Test
    void anUnknownProbeClassIsNamedWithTheValidOnes(@TempDir Path out) {
        CliRun r = CliRun.of("scan", "--classifier", CLASSIFIER, "--generator", GENERATOR, "--probes", "3,12",
                "--out", out.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--probes").contains("unknown class 12").contains("0..9");
        assertThat(out.resolve("scan.json")).doesNotExist();
    }

    @Test
    void aProbeThatIsNotANumberSaysWhatWasExpected(@TempDir Path out) {
        CliRun r = CliRun.of("scan", "--classifier", CLASSIFIER, "--probes", "eight", "--out", out.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--probes").contains("'eight'").contains("0,8, or all");
    }

    @Test
    void zeroImagesPerProbeIsRefused(@TempDir Path out) {
        CliRun r = CliRun.of("scan", "--classifier", CLASSIFIER, "--images", "0", "--out", out.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--images must be at least 1, got 0");
    }

    @Test
    void theScanCommandIsListedInTheHelp() throws Exception {
        CliRun r = CliRun.of("scan", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--check-images").contains("flip rate");
        assertThat(Files.exists(Path.of(CLASSIFIER))).isTrue();
    }
}
