package io.cdeepex.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * libtorch 2.7.1's oneDNN computes wrong float32 convolutions on some x86 CPUs (AVX-512: wrong input gradients
 * for batches above one; AVX: wrong forward for 5x5 kernels). Capping oneDNN at SSE4.1 gives results equal to an
 * exact reference. The cap is an environment variable read when libtorch loads, so the command line re-runs
 * itself with it set when the user has not chosen a value (README "Device and native libraries"). The re-run's
 * error stream passes through {@link NativeWarningFilter}.
 */
final class NativeEnvironment {
    static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";
    static final String SAFE_ISA = "SSE41";
    /** How long a stopped re-run may take to write its reports before it is killed. */
    private static final long STOP_WAIT_SECONDS = 20;

    private NativeEnvironment() {}

    /** The exit code of this command re-run with the safe ISA cap, or empty when no re-run is needed or possible. */
    static Optional<Integer> relaunchIfNeeded(String[] args) {
        if (System.getenv(ISA_VARIABLE) != null || Boolean.getBoolean("cdeepex.noRelaunch")) return Optional.empty();
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) return Optional.empty();
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) return Optional.empty();
        List<String> command = new ArrayList<>();
        command.add(info.command().get());
        command.addAll(List.of(info.arguments().get()));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO().redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put(ISA_VARIABLE, SAFE_ISA);
        Process child;
        try {
            child = pb.start();
        } catch (Exception e) {
            System.err.println("warning: could not re-run with " + ISA_VARIABLE + "=" + SAFE_ISA + " (" + e.getMessage()
                    + "); set it yourself, convolution gradients may be wrong without it");
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
