package io.cdeepex.model;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The verdict of the native self-check: each case's error against the float64 reference, and whether the kernels
 * of this configuration may be used.
 *
 * @param millis     the whole check after libtorch has loaded, reference included
 * @param wrongAbove the relative error above which a case is wrong
 */
record NativeKernelReport(NativeConfiguration configuration, List<CaseError> cases, long millis, double wrongAbove) {
    /**
     * Error relative to the reference's largest magnitude above which a kernel is wrong. Correct float32 results
     * of our shapes stay at or below 1e-6 (float32 rounding over sums of at most 576 terms); the faults seen
     * were of order 0.1 to 1, or NaN.
     */
    static final double WRONG_ABOVE = 1e-4;

    /** One case's relative errors: forward output and input gradient. */
    record CaseError(String name, double forward, double gradient) {
        double worst() {
            return Double.isNaN(forward) || Double.isNaN(gradient) ? Double.NaN : Math.max(forward, gradient);
        }

        boolean wrong(double limit) {
            return !(forward <= limit && gradient <= limit);  // NaN is wrong
        }
    }

    NativeKernelReport {
        if (cases.isEmpty()) throw new IllegalArgumentException("a self-check needs at least one case");
        cases = List.copyOf(cases);
    }

    boolean correct() {
        return cases.stream().noneMatch(c -> c.wrong(wrongAbove));
    }

    double worst() {
        double worst = 0;
        for (CaseError c : cases) {
            if (Double.isNaN(c.worst())) return Double.NaN;
            worst = Math.max(worst, c.worst());
        }
        return worst;
    }

    /** The one line that says what runs and why. */
    String summary() {
        NativeConfiguration c = configuration;
        String measured = String.format(Locale.ROOT, "max rel err %.1e over %d float32 convolutions, forward and "
                + "input gradient, against float64; %d ms", worst(), cases.size(), millis);
        if (correct()) {
            return "native self-check: libtorch " + c.libtorch() + " oneDNN with " + c.describeCap() + " correct on "
                    + c.cpu() + " (" + measured + "), using it";
        }
        return "native self-check: libtorch " + c.libtorch() + " oneDNN with " + c.describeCap() + " WRONG on "
                + c.cpu() + " (" + measured + ")";
    }

    /** Why nothing may run, which cases are wrong, and what to do. */
    String refusal() {
        NativeConfiguration c = configuration;
        String wrong = cases.stream().filter(e -> e.wrong(wrongAbove)).map(e -> String.format(Locale.ROOT,
                "%s (forward %.1e, input gradient %.1e)", e.name(), e.forward(), e.gradient()))
                .collect(Collectors.joining("; "));
        String fix = NativeKernelSelfCheck.SAFE_ISA.equalsIgnoreCase(c.isaCap())
                ? "Even with the SSE4.1 cap no correct configuration is known for this CPU: please report it in an "
                        + "issue with this message."
                : "Fix: set the environment variable " + NativeKernelSelfCheck.ISA_VARIABLE + "="
                        + NativeKernelSelfCheck.SAFE_ISA + " before the JVM starts (Maven: `-Ponednn-sse41`, or "
                        + "<" + NativeKernelSelfCheck.ISA_VARIABLE + ">" + NativeKernelSelfCheck.SAFE_ISA + "</"
                        + NativeKernelSelfCheck.ISA_VARIABLE + "> in Surefire's <environmentVariables>; the cdeepex "
                        + "command line sets it by itself).";
        return "libtorch " + c.libtorch() + "'s float32 convolutions are wrong on " + c.cpu() + " with "
                + c.describeCap() + ": relative error above " + String.format(Locale.ROOT, "%.0e", wrongAbove)
                + " against a float64 reference in "
                + wrong + ". Refusing to run models on wrong native kernels. " + fix
                + " See README \"Device and native libraries\"; -D" + NativeKernelSelfCheck.SKIP_PROPERTY
                + "=true skips this check at your own risk.";
    }
}
