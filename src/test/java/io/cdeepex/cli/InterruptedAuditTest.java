package io.cdeepex.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A real {@code cdeepex audit} process, stopped by a real signal while its second case runs. It starts with
 * {@code -Dcdeepex.relaunch=always}, so it re-runs itself in a child JVM as it does when the native self-check
 * fails (NativeEnvironment; the kernels are correct here, so only that property makes it re-run): the signal goes
 * to the parent, and no child may outlive it; the reports must say which case was interrupted and which were not run,
 * and must hold nothing of the earlier run that was in the folder.
 */
class InterruptedAuditTest {
    private static final Path SUITE = Path.of("src/test/resources/suites/interrupt/slow-audit.yaml");
    private static final String FIRST_CASE_DONE = "PASS slow-audit.yaml:11  accuracy is measured first";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalStopsTheReRunTooAndTheReportsSayWhatWasInterrupted(String signal, int expectedExit) throws Exception {
        Path reports = dir.resolve("reports");
        Path oldXml = reports.resolve("junit/TEST-cdeepex-audit.xml");
        Path oldAllure = reports.resolve("allure-results/0b7a1c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d-result.json");
        Files.createDirectories(oldXml.getParent());
        Files.createDirectories(oldAllure.getParent());
        Files.writeString(oldXml, "<testsuite name=\"an earlier suite\" tests=\"1\" failures=\"0\"/>");
        Files.writeString(oldAllure, "{\"name\":\"an earlier case\",\"status\":\"passed\"}");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + NativeEnvironment.RELAUNCH_PROPERTY + "=always", "-cp", System.getProperty("java.class.path"),
                "io.cdeepex.cli.Main", "audit",
                "--reports", reports.toString(), SUITE.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove(NativeEnvironment.RERUN_VARIABLE);
        Process parent = pb.start();
        List<ProcessHandle> children = List.of();
        try {
            // A JVM started with SIGINT ignored (a background job of a non-interactive shell) passes that on.
            assumeFalse(signal.equals("INT") && ignoresSigint(parent.pid()), "SIGINT is ignored in this environment");
            awaitLine(out, FIRST_CASE_DONE, parent, Duration.ofMinutes(3));
            children = parent.descendants().toList();
            assertThat(children).as("the re-run").isNotEmpty();

            new ProcessBuilder("kill", "-" + signal, Long.toString(parent.pid())).start().waitFor();
            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).as("parent stopped").isTrue();

            assertThat(children).as("children alive after the parent exited").noneMatch(ProcessHandle::isAlive);
            assertThat(parent.exitValue()).isEqualTo(expectedExit);
        } finally {
            children.forEach(ProcessHandle::destroyForcibly); // an orphan has no parent to be found by
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }

        assertThat(Files.readString(out)).contains(FIRST_CASE_DONE,
                "FAIL slow-audit.yaml:17  a long explanation is interrupted",
                "SKIP slow-audit.yaml:24  this case is not run", "not run: the audit was interrupted");
        assertThat(Files.readString(err)).contains("interrupted: the audit stopped before it finished; 1 case(s)"
                + " finished, 3 interrupted or not run; see " + reports.resolve("INTERRUPTED.txt").toAbsolutePath());
        assertThat(Files.readAllLines(reports.resolve("INTERRUPTED.txt"))).contains(
                "passed: accuracy is measured first", "interrupted: a long explanation is interrupted",
                "not run: this case is not run", "not run: nor this one");
        String xml = Files.readString(oldXml);
        assertThat(xml).doesNotContain("an earlier suite").contains(
                "tests=\"4\" skipped=\"2\" failures=\"0\" errors=\"1\"",
                "<error message=\"interrupted: the audit was stopped while this case ran\"",
                "<skipped><![CDATA[not run: the audit was interrupted]]></skipped>");
        assertThat(oldAllure).doesNotExist();
        List<String> results = allureResults(reports.resolve("allure-results"));
        assertThat(results).hasSize(4);
        assertThat(results).anySatisfy(r -> assertThat(r).contains("\"name\":\"a long explanation is interrupted\"",
                "\"status\":\"broken\""));
        assertThat(results).filteredOn(r -> r.contains("\"status\":\"skipped\"")).hasSize(2);
    }

    private static void awaitLine(Path file, String line, Process p, Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (!Files.readString(file).contains(line)) {
            assertThat(p.isAlive()).as("audit still running before '" + line + "'").isTrue();
            assertThat(Instant.now()).as("time waiting for '" + line + "'").isBefore(end);
            Thread.sleep(100);
        }
    }

    /** Whether the process ignores SIGINT (bit 2 of SigIgn in /proc/PID/status). */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith("SigIgn:")) return (Long.parseLong(l.substring(7).trim(), 16) & 0x2) != 0;
        }
        return false;
    }

    private static List<String> allureResults(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith("-result.json")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
