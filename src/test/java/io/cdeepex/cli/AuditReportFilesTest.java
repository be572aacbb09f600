package io.cdeepex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdeepex audit} and the Allure files beside the results: environment and categories of this run, the
 * previous report's history carried in for the trend, and {@code --shard}.
 */
class AuditReportFilesTest {
    private static final String SUITE = "src/test/resources/suites/tiny/tiny-audit.yaml";
    private static final String QUESTIONS = "src/test/resources/suites/questions/tiny-questions.yaml";
    /** One quick case, "accuracy and recall are measured" (classifier metrics only). */
    private static final String ONE_CASE = "classifier & !meant-to-fail";

    @TempDir
    Path reports;

    @Test
    void writesTheRunsEnvironmentAndCategoriesAndReplacesAnEarlierRunsOnes() throws IOException {
        Path results = reports.resolve("allure-results");
        CliRun first = CliRun.of("audit", "--reports", reports.toString(), SUITE, "--tags", "bias");
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(Files.readString(results.resolve("environment.properties")))
                .contains("model\\ src/test/resources/models/tiny-gen=generator tiny-gen, card sha256\\:e88729ef6fa7")
                .contains("solver\\ settings=cdeepex\\: maxOuterIterations\\=2");
        assertThat(results.resolve("categories.json")).content().contains("\"Regression vs baseline\"");

        CliRun second = CliRun.of("audit", "--reports", reports.toString(), SUITE, "--tags", ONE_CASE);
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(Files.readString(results.resolve("environment.properties")))
                .as("the second run explained nothing and loaded no generator")
                .contains("model\\ src/test/resources/models/tiny-cnn=classifier tiny-cnn")
                .doesNotContain("tiny-gen", "solver");
    }

    @Test
    void thePreviousReportsHistoryIsCarriedIntoTheResults() throws IOException {
        Path trend = write(reports.resolve("allure-report/full/history/history-trend.json"), "[{\"data\":{}}]");
        Path stale = write(reports.resolve("allure-results/history/old-trend.json"), "[]");

        CliRun run = CliRun.of("audit", "--reports", reports.toString(), SUITE, "--tags", ONE_CASE);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(reports.resolve("allure-results/history/history-trend.json")).hasSameTextualContentAs(trend);
        assertThat(stale).as("replaced by the report's history").doesNotExist();
    }

    @Test
    void aHistoryPutIntoTheResultsByHandIsKeptWhenNoReportLeftOne() throws IOException {
        Path own = write(reports.resolve("allure-results/history/history.json"), "{}");

        CliRun run = CliRun.of("audit", "--reports", reports.toString(), SUITE, "--tags", ONE_CASE);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(own).hasContent("{}");
    }

    @Test
    void aShardRunsItsCasesAndAnEmptyShardIsNoError() {
        // "accuracy and recall are measured" hashes to shard 4 of 4
        CliRun four = CliRun.of("audit", "--reports", reports.toString(), "--shard", "4/4", SUITE, "--tags", ONE_CASE);
        assertThat(four.exit()).as(four.out() + four.err()).isZero();
        assertThat(four.out()).contains("PASS tiny-audit.yaml:13  accuracy and recall are measured",
                "1 case(s) in shard 4/4: 1 passed, 0 failed, 0 skipped");

        // the two question cases hash to shards 1 and 3 of 3
        CliRun two = CliRun.of("audit", "--reports", reports.toString(), "--shard", "2/3", QUESTIONS);
        assertThat(two.exit()).as(two.out() + two.err()).isZero();
        assertThat(two.out()).contains("shard 2/3 holds none of the 2 case(s); the other shards run them");
    }

    @Test
    void aBadShardIsAUsageErrorNamingTheOption() {
        for (String bad : new String[] {"3/2", "0/4", "abc"}) {
            CliRun run = CliRun.of("audit", "--reports", reports.toString(), "--shard", bad, SUITE);
            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.err()).contains("--shard is '" + bad + "'; expected I/N, this job's number I from 1 to N"
                    + " and the number of jobs N (e.g. 2/4 for the second of four jobs)").doesNotContain("\tat ");
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
