package io.cdeepex.metrics;

/**
 * The one rule for comparing a measured value with a bound or a baseline, used by the AssertJ assertions, the
 * regression gates and the YAML verdicts alike. A value that equals its bound up to binary rounding meets it
 * (0.95 - 0.05 against 0.90; 19 of 20 against 0.95), so the comparisons allow a relative slack of {@link #SLACK}.
 */
public final class Comparison {
    /** Relative slack of every comparison: far below one image in a share of a million images. */
    public static final double SLACK = 1e-9;

    private Comparison() {}

    /** {@code value >= bound} up to rounding; NaN never meets a bound. */
    public static boolean atLeast(double value, double bound) {
        return value >= bound - slack(bound);
    }

    /** {@code value <= bound} up to rounding; NaN never meets a bound. */
    public static boolean atMost(double value, double bound) {
        return value <= bound + slack(bound);
    }

    /** How much worse the candidate is than the baseline in the metric's direction (negative: better). */
    public static double worseBy(double baseline, double candidate, boolean higherIsBetter) {
        return higherIsBetter ? baseline - candidate : candidate - baseline;
    }

    /** Whether the candidate is worse than the baseline by at most {@code tolerance}; NaN never passes. */
    public static boolean withinTolerance(double baseline, double candidate, double tolerance, boolean higherIsBetter) {
        if (!Double.isFinite(baseline) || !Double.isFinite(candidate)) return false;
        return worseBy(baseline, candidate, higherIsBetter) <= tolerance + slack(baseline);
    }

    /** Whether the candidate is better than the baseline by at least {@code minImprovement}; NaN never passes. */
    public static boolean improvesBy(double baseline, double candidate, double minImprovement, boolean higherIsBetter) {
        if (!Double.isFinite(baseline) || !Double.isFinite(candidate)) return false;
        return -worseBy(baseline, candidate, higherIsBetter) >= minImprovement - slack(baseline);
    }

    /** Whether two values are the same up to rounding (for "no better than the baseline"). */
    public static boolean same(double a, double b) {
        return Math.abs(a - b) <= slack(Math.max(Math.abs(a), Math.abs(b)));
    }

    private static double slack(double scale) {
        return SLACK * Math.max(1, Math.abs(scale));
    }
}
