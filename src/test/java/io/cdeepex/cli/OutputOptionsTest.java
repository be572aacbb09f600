package io.cdeepex.cli;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where {@code audit}, {@code explain} and {@code evaluate} write: a place they cannot write is an error before any
 * work, naming the option, the path and why; {@code audit} owns its {@code --reports} folder.
 */
class OutputOptionsTest {
    private static final String SUITE = "src/test/resources/suites/tiny/tiny-audit.yaml";
    private static final String ONE_CASE = "classifier & !meant-to-fail";
    private static final String[] TINY_EXPLAIN = {"explain", "--classifier", "src/test/resources/models/tiny-cnn",
            "--generator", "src/test/resources/models/tiny-gen", "--dataset", "mnist-samples", "--index", "0"};

    @TempDir
    Path dir;

    @Test
    void auditRefusesReportsItCannotWriteBeforeRunningAnything() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        CliRun onFile = CliRun.of("audit", "--reports", file.toString(), SUITE);
        assertThat(onFile.exit()).isEqualTo(1);
        assertThat(onFile.err()).doesNotContain("\tat ")
                .contains("error: --reports " + file + ": is a file; expected a directory to write into");
        assertThat(onFile.out()).doesNotContain("PASS", "case(s)", "JUnit XML");

        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        CliRun inProc = CliRun.of("audit", "--reports", "/proc/x", SUITE);
        assertThat(inProc.exit()).isEqualTo(1);
        assertThat(inProc.err()).contains("error: --reports /proc/x: cannot create this directory in /proc (");
        assertThat(inProc.out()).doesNotContain("PASS", "JUnit XML");
    }

    @Test
    void auditClearsTheEarlierRunsResultsButNeverAUsersFiles() throws IOException {
        Path reports = dir.resolve("reports");
        Path oldXml = write(reports.resolve("junit/TEST-an-earlier-suite.xml"), "<testsuite name=\"earlier\"/>");
        Path oldResult = write(reports.resolve("allure-results/0b7a1c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d-result.json"),
                "{}");
        Path oldNote = write(reports.resolve("INTERRUPTED.txt"), "an earlier run was interrupted");
        Path beside = write(reports.resolve("README.md"), "the user's own notes beside the results folders");

        CliRun run = CliRun.of("audit", "--reports", reports.toString(), "--tags", ONE_CASE, SUITE);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(oldXml).doesNotExist();
        assertThat(oldResult).doesNotExist();
        assertThat(oldNote).doesNotExist();
        assertThat(beside).exists();
        assertThat(reports.resolve("junit/TEST-cdeepex-audit.xml")).exists();
        try (Stream<Path> results = Files.list(reports.resolve("allure-results"))) {
            assertThat(results.filter(f -> f.toString().endsWith("-result.json"))).hasSize(1);
        }

        Path users = write(reports.resolve("junit/my-notes.txt"), "not written by the tool");
        CliRun refused = CliRun.of("audit", "--reports", reports.toString(), "--tags", ONE_CASE, SUITE);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("error: --reports: " + reports.resolve("junit")
                + " holds files this tool did not write (my-notes.txt); an audit run clears its results folder");
        assertThat(users).exists();
        assertThat(reports.resolve("junit/TEST-cdeepex-audit.xml")).as("nothing cleared when refused").exists();
    }

    @Test
    void aDeviceErrorNamesTheDeviceOption() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "needs a host without a GPU");
        CliRun gpu = CliRun.of("audit", "--reports", dir.resolve("reports").toString(), "--device", "gpu", SUITE);
        assertThat(gpu.exit()).isEqualTo(1);
        assertThat(gpu.err()).contains("error: device 'gpu' requested (option --device) but DJL's PyTorch engine sees"
                + " no GPU").doesNotContain("system property");
        assertThat(gpu.out()).doesNotContain("FAIL", "case(s)");
    }

    @Test
    void explainChecksOutBeforeTheSolve() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        CliRun run = CliRun.of(concat(TINY_EXPLAIN, "--out", file.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: --out " + file + ": is a file; expected a directory to write into");
        assertThat(run.out()).doesNotContain("explaining");
    }

    @Test
    void explainPrintsItsAnswerWhenWritingItFails() throws IOException {
        Path out = dir.resolve("explanation");
        Files.createDirectories(out.resolve("explanation.json")); // writable folder, but the JSON cannot be written
        // integrated gradients: the same answer-then-write path as CDeepEx's solve, in a second instead of a minute
        CliRun run = CliRun.of(concat(TINY_EXPLAIN, "--method", "ig", "--out", out.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("explaining mnist-samples#0", "mnist-samples#0 ig: 4->8 p(true)", "answered=")
                .doesNotContain("wrote ");
        assertThat(run.err()).contains("error: --out " + out + ": could not write the explanation (",
                "); its summary is above");
    }

    @Test
    void evaluateChecksJsonBeforeTheEvaluation() {
        String[] evaluate = {"evaluate", "--classifier", "src/test/resources/models/tiny-cnn", "--dataset",
                "mnist-samples", "--json"};
        CliRun folder = CliRun.of(concat(evaluate, dir.toString()));
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.err()).contains("error: --json " + dir + ": is a directory; expected a file name");
        assertThat(folder.out()).doesNotContain("accuracy");

        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        CliRun inProc = CliRun.of(concat(evaluate, "/proc/x/eval.json"));
        assertThat(inProc.exit()).isEqualTo(1);
        assertThat(inProc.err()).contains("error: --json /proc/x/eval.json: cannot create its directory /proc/x in"
                + " /proc (");
        assertThat(inProc.out()).doesNotContain("accuracy");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String[] concat(String[] head, String... tail) {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }
}
