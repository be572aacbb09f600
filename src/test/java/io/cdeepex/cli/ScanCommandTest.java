package io.cdeepex.cli;

import io.cdeepex.explain.scan.ProbeAggregate;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.ScanSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    private static ProbeAggregate aggregate(int probe, int images, int satisfied) {
        float[] zero = new float[4];
        return new ProbeAggregate(probe, 2, 2, images, satisfied, zero, zero, zero, zero, Map.of(1, zero),
                Map.of(1, zero));
    }

    @Test
    void theTableCountsTheAnswersThatMetTheirConstraintsAndAProbeWithFewIsWarnedAbout() {
        ProbeAggregate half = aggregate(4, 8, 4);
        ProbeAggregate few = aggregate(7, 8, 3);
        ScanResult r = new ScanResult("net", "vae", "samples", List.of("0", "1", "2", "3", "4", "5", "6", "7"),
                ScanSettings.defaults(), List.of(4, 7), List.of(half, few), List.of(), true, 2000);

        assertThat(ScanCommand.table(r))
                .startsWith("0 findings over 2 probe classes (2 s); 7 of 16 answers met their constraints");
        assertThat(ScanResult.fewSatisfied(half)).isFalse();
        assertThat(ScanResult.fewSatisfied(few)).isTrue();
        assertThat(ScanCommand.fewSatisfiedWarning(few)).startsWith("warning: probe 7: 3 of 8 answers met their "
                + "constraints").contains("explain --probe 7");
    }

    @Test
    void theScanCommandIsListedInTheHelp() throws Exception {
        CliRun r = CliRun.of("scan", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--check-images").contains("flip rate");
        assertThat(Files.exists(Path.of(CLASSIFIER))).isTrue();
    }
}
