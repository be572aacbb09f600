package io.cdeepex.cli;

import io.cdeepex.cli.NativeEnvironment.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the command line runs a command in its own JVM, re-runs it under the SSE4.1 cap, or refuses: the decision,
 * and real {@code cdeepex} processes on this machine's kernels (correct here; a zero tolerance makes the check fail).
 */
class NativeEnvironmentTest {
    private static final String[] MISSING_MODEL = {"explain", "--classifier", "no/such/model", "--generator",
        "src/test/resources/models/tiny-gen", "--dataset", "mnist-samples", "--index", "0"};

    @TempDir
    Path dir;

    @Test
    void correctKernelsRunHereAndWrongOnesAreReRunCappedOnlyWhenNoCapIsChosen() {
        // kernelsCorrect, capSet, isRerun, x86, always
        assertThat(NativeEnvironment.decide(true, false, false, true, false)).isEqualTo(Action.RUN_HERE);
        assertThat(NativeEnvironment.decide(true, true, false, true, false)).isEqualTo(Action.RUN_HERE);
        assertThat(NativeEnvironment.decide(false, false, false, true, false)).isEqualTo(Action.RERUN_WITH_SAFE_ISA);
        assertThat(NativeEnvironment.decide(false, false, false, true, true)).isEqualTo(Action.RERUN_WITH_SAFE_ISA);
        assertThat(NativeEnvironment.decide(false, true, false, true, false))
                .as("the user's cap")
                .isEqualTo(Action.REFUSE);
        assertThat(NativeEnvironment.decide(false, false, true, true, false))
                .as("in the re-run")
                .isEqualTo(Action.REFUSE);
        assertThat(NativeEnvironment.decide(false, false, false, false, false)).as("not x86").isEqualTo(Action.REFUSE);
        assertThat(NativeEnvironment.decide(true, false, false, true, true)).as("always").isEqualTo(Action.RERUN);
        assertThat(NativeEnvironment.decide(true, false, true, true, true)).as("always, in the re-run")
                .isEqualTo(Action.RUN_HERE);
    }

    @Test
    void helpAndVersionDoNotLoadLibtorch() {
        assertThat(NativeEnvironment.usesNatives(new String[] {})).isFalse();
        assertThat(NativeEnvironment.usesNatives(new String[] {"explain", "--help"})).isFalse();
        assertThat(NativeEnvironment.usesNatives(new String[] {"-V"})).isFalse();
        assertThat(NativeEnvironment.usesNatives(MISSING_MODEL)).isTrue();
    }

    @Test
    void withCorrectKernelsTheCommandRunsInItsOwnJvmUncapped() throws Exception {
        Result r = cdeepex(List.of(), Map.of(), MISSING_MODEL);
        assertThat(r.err).contains("native self-check: libtorch", "oneDNN with ONEDNN_MAX_CPU_ISA unset correct on",
                "using it").doesNotContain("re-running");
        assertThat(r.err).as("the command's own error, from this JVM").contains("error: ", "no/such/model");
        assertThat(r.exit).isEqualTo(1);
    }

    @Test
    void wrongKernelsAreReRunWithTheCapAndTheReRunRefusesWhenStillWrong() throws Exception {
        Result r = cdeepex(List.of("-Dcdeepex.nativeCheck.wrongAbove=0"), Map.of(), MISSING_MODEL);
        assertThat(r.err).contains("oneDNN with ONEDNN_MAX_CPU_ISA unset WRONG on",
                "native self-check: re-running with ONEDNN_MAX_CPU_ISA=SSE41",
                "oneDNN with ONEDNN_MAX_CPU_ISA=SSE41 WRONG on",
                "error: libtorch", "wrong on", "with ONEDNN_MAX_CPU_ISA=SSE41: relative error above 0e+00",
                "no correct configuration is known").doesNotContain("no/such/model", "\tat ");
        assertThat(r.exit).isEqualTo(1);
    }

    @Test
    void wrongKernelsUnderTheUsersCapAreRefusedWithoutAReRun() throws Exception {
        Result r = cdeepex(List.of("-Dcdeepex.nativeCheck.wrongAbove=0"), Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"),
                MISSING_MODEL);
        assertThat(r.err).contains("error: libtorch", "with ONEDNN_MAX_CPU_ISA=AVX2: relative error above 0e+00",
                "Fix: set the environment variable ONEDNN_MAX_CPU_ISA=SSE41", "README \"Device and native libraries\"")
                .doesNotContain("re-running", "no/such/model");
        assertThat(r.exit).isEqualTo(1);
    }

    private record Result(int exit, String err) {}

    private Result cdeepex(List<String> jvmOptions, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cdeepex.cli.Main"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(err.toFile());
        pb.environment().remove(NativeEnvironment.ISA_VARIABLE);
        pb.environment().remove("DNNL_MAX_CPU_ISA");
        pb.environment().remove(NativeEnvironment.RERUN_VARIABLE);
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("cdeepex finished").isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), Files.readString(err));
    }
}
