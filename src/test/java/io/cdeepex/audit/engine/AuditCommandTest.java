package io.cdeepex.audit.engine;

import io.cdeepex.cli.CliRun;
import io.cdeepex.metrics.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cdeepex audit}: runs suites through the Launcher, prints verdicts, writes JUnit XML and Allure results. */
class AuditCommandTest {
    static final Path SUITES = Path.of("src/test/resources/suites");

    @TempDir
    Path reports;

    private CliRun audit(String... args) {
        return CliRun.of(Stream.concat(Stream.of("audit", "--reports", reports.toString()), Stream.of(args))
                .toArray(String[]::new));
    }

    @Test
    void aFailingGateExitsNonZeroAndReportsEveryCase() throws IOException {
        CliRun run = audit(SUITES.resolve("tiny/tiny-gate.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(
                "FAIL tiny-gate.yaml:10  accuracy on covered digits is no worse",
                "Metric accuracy regression check failed: candidate model tiny-cnn (covered) accuracy = 0.125",
                "PASS tiny-gate.yaml:18  accuracy on clean digits is no worse than itself",
                "passed Metric accuracy regression check passed: candidate model tiny-cnn accuracy = 0.900",
                "2 case(s): 1 passed, 1 failed, 0 skipped");
        Path xml = reports.resolve("junit/TEST-cdeepex-audit.xml");
        assertThat(xml).exists();
        assertThat(Files.readString(xml)).contains("<testcase name=\"accuracy on covered digits is no worse\"",
                "<failure message=", "tests=\"2\"", "failures=\"1\"");
        List<String> results;
        try (Stream<Path> files = Files.list(reports.resolve("allure-results"))) {
            results = files.filter(f -> f.toString().endsWith("-result.json")).map(AuditCommandTest::read).toList();
        }
        assertThat(results).hasSize(2);
        assertThat(results).anySatisfy(r -> assertThat(r)
                .contains("\"name\":\"accuracy on covered digits is no worse\"",
                "\"status\":\"failed\"", "\"value\":\"Tiny gate\"", "\"name\":\"verdicts\""));
    }

    @Test
    void modelsAndDeviceOptionsHoldForTheirRunOnly() {
        String models = System.getProperty("cdeepex.models");
        String device = System.getProperty("cdeepex.device");

        CliRun run = audit("--models", "src/test/resources/models", "--device", "cpu", "--tags",
                "classifier & !meant-to-fail", SUITES.resolve("tiny").toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(System.getProperty("cdeepex.models")).isEqualTo(models);
        assertThat(System.getProperty("cdeepex.device")).isEqualTo(device);
    }

    @Test
    void passingSuitesExitZeroAndTagsSelectCases() {
        CliRun run = audit("--tags", "classifier & !meant-to-fail", SUITES.resolve("tiny").toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS tiny-audit.yaml:13  accuracy and recall are measured",
                "1 case(s): 1 passed, 0 failed, 0 skipped");
    }

    @Test
    void aBrokenSuiteFailsWithItsProblemAndNothingFoundIsAnError() {
        CliRun broken = audit(SUITES.resolve("bad/wrong-type.yaml").toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("FAIL wrong-type.yaml:5  wrong-type.yaml (invalid suite)",
                "line 5, column 43: field 'samples.digits.count': expected an integer");

        CliRun none = audit("--tags", "no-such-tag", SUITES.resolve("tiny").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no audit cases found", "matching tags 'no-such-tag'");

        CliRun missing = audit("no/such/dir");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no suite file or directory");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
