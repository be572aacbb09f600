package io.cdeepex.cli;

import io.cdeepex.model.NativeKernelException;
import io.cdeepex.model.NativeKernelSelfCheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the native self-check ({@link NativeKernelSelfCheck}) before a command, in this JVM and with the
 * environment as it is: on a CPU where libtorch's convolution kernels are correct uncapped, the command runs here
 * at full speed. When they are wrong and the user has set no {@code ONEDNN_MAX_CPU_ISA}, the command line re-runs
 * itself with {@code ONEDNN_MAX_CPU_ISA=SSE41} (oneDNN reads the variable once, when libtorch loads, so this JVM
 * cannot change its kernels); the re-run checks again and refuses if they are still wrong. A re-run's error
 * stream passes through {@link NativeWarningFilter}, and a stop signal is passed on to it. README "Device and
 * native libraries".
 */
final class NativeEnvironment {
    static final String ISA_VARIABLE = NativeKernelSelfCheck.ISA_VARIABLE;
    static final String SAFE_ISA = NativeKernelSelfCheck.SAFE_ISA;
    /** Set in a re-run's environment: a re-run never re-runs itself again. */
    static final String RERUN_VARIABLE = "CDEEPEX_RERUN";
    /**
     * System property: {@code always} runs the command in a child JVM also when the kernels are correct (with the
     * environment unchanged), for CPUs where libtorch floods the error stream with NNPACK lines that only a
     * re-run can filter; {@code never} (or {@code -Dcdeepex.noRelaunch=true}) runs it here without checking first:
     * with wrong kernels it then refuses to load a model.
     */
    static final String RELAUNCH_PROPERTY = "cdeepex.relaunch";
    /** How long a stopped re-run may take to write its reports before it is killed. */
    private static final long STOP_WAIT_SECONDS = 20;

    /** What to do about a command once the kernels' verdict is known. */
    enum Action { RUN_HERE, RERUN, RERUN_WITH_SAFE_ISA, REFUSE }

    private NativeEnvironment() {}

    /**
     * The exit code of this command when it was re-run in a child JVM or refused; empty when it runs in this JVM.
     */
    static Optional<Integer> relaunchIfNeeded(String[] args) {
        String relaunch = System.getProperty(RELAUNCH_PROPERTY, "auto");
        if (!List.of("auto", "always", "never").contains(relaunch)) {
            System.err.println("error: system property " + RELAUNCH_PROPERTY + " is '" + relaunch
                    + "'; expected auto, always or never");
            return Optional.of(2);
        }
        if (relaunch.equals("never") || Boolean.getBoolean("cdeepex.noRelaunch") || !usesNatives(args)) {
            return Optional.empty();
        }
        NativeKernelException wrong = null;
        try {
            NativeKernelSelfCheck.ensureCorrect();
        } catch (NativeKernelException e) {
            wrong = e;
        } catch (RuntimeException e) {
            // The check could not run (libtorch does not load): the command reports that as its own error.
            return Optional.empty();
        }
        boolean rerun = System.getenv(RERUN_VARIABLE) != null;
        Action action = decide(wrong == null, System.getenv(ISA_VARIABLE) != null, rerun, isX86(),
                relaunch.equals("always"));
        return switch (action) {
            case RUN_HERE -> Optional.empty();
            case RERUN -> relaunch(Map.of());
            case REFUSE -> {
                System.err.println("error: " + wrong.getMessage());
                yield Optional.of(1);
            }
            case RERUN_WITH_SAFE_ISA -> {
                System.err.println("native self-check: re-running with " + ISA_VARIABLE + "=" + SAFE_ISA);
                Optional<Integer> exit = relaunch(Map.of(ISA_VARIABLE, SAFE_ISA));
                if (exit.isEmpty()) System.err.println("error: " + wrong.getMessage());
                yield Optional.of(exit.orElse(1));
            }
        };
    }

    /**
     * Correct kernels run here (or in a child when {@code always} re-running was asked for); wrong kernels with no
     * cap chosen are re-run under the safe cap (only x86 CPUs have oneDNN ISA levels); wrong kernels under a cap
     * the user chose, or in the re-run itself, are refused.
     */
    static Action decide(boolean kernelsCorrect, boolean capSet, boolean isRerun, boolean x86, boolean always) {
        if (kernelsCorrect) return always && !isRerun ? Action.RERUN : Action.RUN_HERE;
        return capSet || isRerun || !x86 ? Action.REFUSE : Action.RERUN_WITH_SAFE_ISA;
    }

    /** Whether the command line runs a command (so libtorch will load), not only prints help or the version. */
    static boolean usesNatives(String[] args) {
        if (args.length == 0 || args[0].equals("help")) return false;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) return false;
        }
        return true;
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** Runs this command line again in a child JVM with {@code environment} added; empty when it cannot start. */
    private static Optional<Integer> relaunch(Map<String, String> environment) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            System.err.println("warning: cannot re-run the command (this JVM's command line is not readable)");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(info.command().get());
        command.addAll(List.of(info.arguments().get()));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO().redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(environment);
        pb.environment().put(RERUN_VARIABLE, "1");
        Process child;
        try {
            child = pb.start();
        } catch (Exception e) {
            System.err.println("warning: could not re-run the command with " + environment + " (" + e.getMessage()
                    + ")");
            return Optional.empty();
        }
        // From here the command runs in the child only: never fall back to running it a second time in this JVM.
        CountDownLatch errorCopied = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child, errorCopied), "cdeepex-stop-rerun"));
        long dropped = 0;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream()))) {
            dropped = NativeWarningFilter.copy(err, System.err);
        } catch (IOException e) {
            System.err.println("warning: lost the rest of the command's error output (" + e.getMessage() + ")");
        } finally {
            errorCopied.countDown();
        }
        try {
            int exit = child.waitFor();
            if (dropped > 0) System.err.println(NativeWarningFilter.summary(dropped));
            return Optional.of(exit);
        } catch (InterruptedException e) {
            stop(child, errorCopied);
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    /**
     * Passes a stop request (Ctrl-C, SIGTERM: this JVM is shutting down) on to the re-run as SIGTERM and waits for
     * it, so that it records the interruption in its reports and no orphan runs on writing into the same folder
     * and terminal. A child that does not stop in time is killed. The wait ends when the child's last error line
     * (its note on the interruption) has been copied, since this JVM halts when the hook returns.
     */
    private static void stop(Process child, CountDownLatch errorCopied) {
        if (!child.isAlive()) return;
        // Through the handle: Process.destroy() also closes the pipe, losing what the child prints while it stops.
        child.toHandle().destroy();
        try {
            if (child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                errorCopied.await(2, TimeUnit.SECONDS);
                return;
            }
            System.err.println("warning: the re-run did not stop within " + STOP_WAIT_SECONDS + " s; killing it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        child.toHandle().destroyForcibly();
    }
}
