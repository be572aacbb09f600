package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.AuditSuiteException;
import io.cdeepex.audit.suite.Position;
import io.cdeepex.audit.suite.SuiteLoader;
import io.cdeepex.audit.suite.SuiteProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/** Broken suite files: each yields one clear error naming file, line, column and field; the others still run. */
class BadSuitesTest {
    static final Path BAD = Path.of("src/test/resources/suites/bad");
    /** Broken scan cases, apart so that the engine run over {@link #BAD} keeps its count. */
    static final Path BAD_SCAN = Path.of("src/test/resources/suites/bad-scan");

    static Stream<Arguments> brokenSuites() {
        return Stream.of(
                arguments("bad-indentation.yaml", 10, 7, "cases[0].expect", "invalid YAML: expected <block end>"),
                arguments("unknown-key.yaml", 8, 5, "cases[0].exepct",
                        "unknown key 'exepct' in a case; did you mean 'expect'?"),
                arguments("wrong-type.yaml", 5, 43, "samples.digits.count",
                        "expected an integer in 1..1000000, got the text 'many'"),
                arguments("probe-out-of-range.yaml", 10, 28, "cases[0].question.probeClass",
                        "class 12 is outside tiny-cnn's classes; expected 0..9"),
                arguments("missing-model.yaml", 3, 13, "classifier", "model directory does not exist"),
                arguments("region-outside.yaml", 11, 17, "cases[0].expect[0].region",
                        "lies outside tiny-cnn's 28x28 input"),
                arguments("empty-samples.yaml", 5, 12, "samples.nothing", "the sample set is empty"),
                arguments("alias-bomb.yaml", 7, 8, "f[0]", "alias bomb ('billion laughs')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSuites")
    void aBrokenSuiteNamesFileLineColumnFieldAndWhatWasExpected(String file, int line, int column, String field,
                                                                 String words) {
        assertNamesWhereAndWhat(BAD, file, line, column, field, words);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            scan-unknown-key.yaml         | 11 | 7  | cases[0].scan.imagse | unknown key 'imagse' in scan settings
            scan-probe-out-of-range.yaml  | 10 | 19 | cases[0].scan.probes[1] | class 12 is outside tiny-cnn's classes
            scan-no-images.yaml           | 11 | 15 | cases[0].scan.images | expected an integer in 1..100000, got 0
            scan-metric-without-scan.yaml | 11 | 17 | cases[0].expect[0].metric | this case has none; expected a 'scan:'
            scan-explanation-metric.yaml  | 11 | 17 | cases[0].expect[0].metric | but this is a scan case; expected scan
            scan-region-outside.yaml      | 12 | 17 | cases[0].expect[0].region | lies outside tiny-cnn's 28x28 input
            """)
    void aBrokenScanCaseNamesFileLineColumnFieldAndWhatWasExpected(String file, int line, int column, String field,
                                                                   String words) {
        assertNamesWhereAndWhat(BAD_SCAN, file, line, column, field, words);
    }

    private static void assertNamesWhereAndWhat(Path dir, String file, int line, int column, String field,
                                                String words) {
        AuditSuiteException e = catchThrowableOfType(AuditSuiteException.class,
                () -> SuiteLoader.fromSystem().load(dir.resolve(file)));

        assertThat(e).as("loading %s", file).isNotNull();
        SuiteProblem first = e.first();
        assertThat(first.file()).isEqualTo(dir.resolve(file));
        assertThat(first.position()).isEqualTo(new Position(line, column));
        assertThat(first.field()).isEqualTo(field);
        assertThat(e.getMessage())
                .contains(file, "line " + line + ", column " + column, "field '" + field + "'", words);
        assertThat(e.getStackTrace()).as("the message is the whole story").isEmpty();
    }

    @Test
    void badIndentationGetsAHint() {
        AuditSuiteException e = catchThrowableOfType(AuditSuiteException.class,
                () -> SuiteLoader.fromSystem().load(BAD.resolve("bad-indentation.yaml")));

        assertThat(e.getMessage()).contains("check the indentation", "block mapping that starts at line 7, column 5");
    }

    @Test
    void unknownKeysListWhatIsAllowed() {
        AuditSuiteException e = catchThrowableOfType(AuditSuiteException.class,
                () -> SuiteLoader.fromSystem().load(BAD.resolve("unknown-key.yaml")));

        assertThat(e.getMessage()).contains("expected one of: baseline, candidate, classifier, description, expect,");
        assertThat(e.problems()).extracting(SuiteProblem::field).contains("cases[0].exepct", "cases[0].expect");
    }

    @Test
    void missingModelSaysWhereModelsAreLookedFor() {
        AuditSuiteException e = catchThrowableOfType(AuditSuiteException.class,
                () -> SuiteLoader.fromSystem().load(BAD.resolve("missing-model.yaml")));

        assertThat(e.getMessage()).contains("no-such-classifier", "models root", "relative to the suite file");
    }

    @Test
    void eachBrokenFileIsOneFailingTestAndTheGoodSuiteStillRuns() {
        EngineRun run = EngineRun.of(selectDirectory(BAD.toFile()));

        assertThat(run.failedContainers()).isEmpty();
        assertThat(run.outcomes()).hasSize(12);
        assertThat(run.test("tiny-cnn gets most digits right").passed()).isTrue();
        for (String file : new String[] {"bad-indentation.yaml", "wrong-type.yaml", "missing-model.yaml",
                "empty-samples.yaml", "alias-bomb.yaml"}) {
            EngineRun.Outcome o = run.test(file + " (invalid suite)");
            assertThat(o.failed()).as(file).isTrue();
            assertThat(o.message()).contains(file, "line ", "field '");
            assertThat(o.id().getSource()).hasValueSatisfying(s -> assertThat(s.toString()).contains(file, "line"));
        }
        // A mistake inside one case fails that case only.
        for (String[] fileAndCase : new String[][] {{"unknown-key.yaml", "accuracy"},
                {"probe-out-of-range.yaml", "why not 12"}, {"region-outside.yaml", "red in the right margin"}}) {
            EngineRun.Outcome o = run.test(fileAndCase[0], fileAndCase[1]);
            assertThat(o.failed()).as(fileAndCase[0]).isTrue();
            assertThat(o.message()).contains(fileAndCase[0], "line ", "field 'cases[0].");
        }
    }

    @Test
    void aBrokenSuiteKeepsTheTagsItDeclares() {
        EngineRun run = EngineRun.of(selectDirectory(BAD.toFile()));

        assertThat(run.test("empty-samples.yaml (invalid suite)").tags()).containsExactly("bias");
        assertThat(run.test("why not 12").tags()).containsExactly("bias");
    }

    @Test
    void oneInvalidCaseFailsAtItsLineAndTheOtherCasesOfTheFileRun() {
        EngineRun run = EngineRun.of(selectFile(BAD.resolve("one-bad-case.yaml").toFile()));

        assertThat(run.failedContainers()).isEmpty();
        assertThat(run.outcomes()).extracting(o -> o.id().getDisplayName())
                .containsExactly("digits first", "why not 12", "digits last");
        assertThat(run.test("digits first").passed()).isTrue();
        assertThat(run.test("digits last").passed()).isTrue();
        EngineRun.Outcome bad = run.test("why not 12");
        assertThat(bad.failed()).isTrue();
        assertThat(bad.message()).contains("one-bad-case.yaml: line 14, column 28:"
                + " field 'cases[1].question.probeClass': class 12 is outside tiny-cnn's classes; expected 0..9")
                .doesNotContain("digits");
        assertThat(bad.id().getSource()).hasValueSatisfying(s -> assertThat(s.toString())
                .contains("one-bad-case.yaml", "line = 13"));
    }

    @Test
    void aDeviceThisHostDoesNotHaveSkipsTheCasesNamingTheDevice(@TempDir Path dir) throws IOException {
        Path file = EngineRun.twoCasesOnAMissingGpu(dir.resolve("far-gpu.yaml"));

        EngineRun run = EngineRun.of(selectFile(file.toFile()));

        // not a mistake in the file: every case is there, skipped, none failed
        assertThat(run.failedContainers()).isEmpty();
        assertThat(run.outcomes()).extracting(o -> o.id().getDisplayName()).containsExactly("one", "two");
        assertThat(run.skipped()).hasSize(2).allSatisfy(reason -> assertThat(reason).contains(
                "far-gpu.yaml: device 'gpu:99' requested (suite field 'device') but "));
    }
}
