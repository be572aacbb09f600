package io.cdeepex.audit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdeepex.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/** A {@code scan:} case end to end through the engine on the tiny real models: its verdicts and its report. */
class ScanCaseTest {
    static final Path SUITE = Path.of("src/test/resources/suites/scan/tiny-scan.yaml");
    /** One engine run of the suite (each scan case takes seconds), read by the tests below. */
    private static EngineRun run;

    @BeforeAll
    static void runSuite() {
        run = EngineRun.of(selectFile(SUITE.toFile()));
    }

    @Test
    void aScanCasePassesAndFailsOnItsBoundsAndItsVerdictsNameTheFinding() {
        assertThat(run.failedContainers()).isEmpty();
        EngineRun.Outcome centre = run.test("probe 8's finding lies in the centre");
        assertThat(centre.passed()).as(centre.message()).isTrue();
        assertThat(centre.entries().get(0).getKeyValuePairs())
                .containsEntry("scanFindsShortcutIn in [x=10, y=10, 8x8]", "0.200")
                .containsEntry("scanFindsShortcutIn in [x=0, y=0, 4x4]", "0.000");
        assertThat(centre.entries().get(1).getKeyValuePairs().get(AuditTestEngine.VERDICTS_KEY)).contains(
                "passed scanFindsShortcutIn in [x=10, y=10, 8x8] = 0.200 (the best-ranked finding overlapping the"
                        + " region, of 4 over probes [8]: probe 8 added [x=10, y=9, 7x7] (score 0.1469, flip rate"
                        + " 0.200, 95 % interval 0.081-0.416, on 20 clean images, base rate 0.000))"
                        + " (expected >= 0.150)",
                "passed scanFindsShortcutIn in [x=0, y=0, 4x4] = 0.000 (no finding overlaps the region, of 4 over"
                        + " probes [8]) (expected <= 0.000)",
                "run: tiny-cnn + tiny-gen (cdeepex) on digits (60 images, scan of probes [8]: 4 findings in ");
        EngineRun.Outcome shortcut = run.test("probe 8's finding is a shortcut above 0.1");
        assertThat(shortcut.failed()).isTrue();
        assertThat(shortcut.message()).contains("tiny-scan.yaml: line 24, column 5: case 'probe 8's finding is a"
                + " shortcut above 0.1' failed 1 of 1 expectation:", "FAILED scanMaxFlipRate = 0.200 (the finding"
                + " with the largest flip rate, of 4 over probes [8]: probe 8 added [x=10, y=9, 7x7]",
                "expected at most 0.100 [cases[1].expect[0], line 28, column 9]");
    }

    @Test
    void aScanThatCannotRunFailsItsCaseSayingWhichKeyToChange() {
        EngineRun.Outcome weak = run.test("the untrained generator fails the default inversion bar");
        assertThat(weak.failed()).isTrue();
        assertThat(weak.message()).contains("the scan of tiny-cnn + tiny-gen (cdeepex) on digits could not run:",
                "tiny-gen cannot invert the sample images", "need at least 0.50", "scan.minInversionAgreement");
    }

    @Test
    void theScanPageIsAttachedToTheCasesAllureResult(@TempDir Path reports) throws IOException {
        CliRun cli = CliRun.of("audit", "--reports", reports.toString(), "--tags", "!meant-to-fail",
                SUITE.toString());

        assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
        Path results = reports.resolve("allure-results");
        List<JsonNode> attachments = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                new ObjectMapper().readTree(f.toFile()).get("attachments").forEach(attachments::add);
            }
        }
        JsonNode page = attachments.stream()
                .filter(a -> a.get("name").asText().equals("scan of tiny-cnn with tiny-gen")).findFirst()
                .orElseThrow(() -> new AssertionError("no scan page among " + attachments));
        assertThat(page.get("type").asText()).isEqualTo("text/html");
        assertThat(Files.readString(results.resolve(page.get("source").asText())))
                .contains("Scan of tiny-cnn", "10, 9, 7 x 7");
        assertThat(attachments).extracting(a -> a.get("name").asText())
                .contains("scan of tiny-cnn with tiny-gen: scan.json", "verdicts");
    }
}
