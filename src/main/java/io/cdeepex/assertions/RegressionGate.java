package io.cdeepex.assertions;

import io.cdeepex.metrics.Comparison;
import org.opentest4j.AssertionFailedError;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Compares a candidate's metric with a baseline's, as MLflow's model validation does: the candidate may be worse
 * than the baseline by at most an absolute tolerance. Messages name the metric, both values and the tolerance, e.g.
 * {@code metric accuracy: candidate 0.12 is worse than baseline 0.95 by more than tolerance 0.05 (higher is better)}.
 */
public final class RegressionGate {
    private RegressionGate() {}

    /**
     * The outcome of one comparison.
     *
     * @param passed whether the candidate is no worse than the baseline by more than the tolerance
     */
    public record Verdict(String metric, double baseline, double candidate, double tolerance, boolean higherIsBetter,
                          boolean passed) {
        /** What was compared and how it came out, one line. */
        public String message() {
            String direction = higherIsBetter ? "higher is better" : "lower is better";
            if (Double.isNaN(candidate)) {
                return "metric " + metric + ": candidate is not a number (NaN); baseline " + format(baseline)
                        + ", tolerance " + format(tolerance) + " (" + direction + ")";
            }
            double worseBy = Comparison.worseBy(baseline, candidate, higherIsBetter);
            if (!passed) {
                return "metric " + metric + ": candidate " + format(candidate) + " is worse than baseline "
                        + format(baseline) + " by more than tolerance " + format(tolerance) + " (" + direction
                        + "; worse by " + format(worseBy) + ")";
            }
            return worseBy > 0
                    ? "metric " + metric + ": candidate " + format(candidate) + " is within tolerance "
                    + format(tolerance) + " of baseline " + format(baseline) + " (" + direction + "; worse by "
                    + format(worseBy) + ")"
                    : "metric " + metric + ": candidate " + format(candidate) + " is no worse than baseline "
                    + format(baseline) + " (" + direction + ")";
        }
    }

    /**
     * Compares without failing.
     *
     * @throws IllegalArgumentException when the metric is blank, the baseline is not finite or the tolerance negative
     */
    public static Verdict compare(String metric, double baseline, double candidate, double tolerance,
                                  boolean higherIsBetter) {
        if (metric == null || metric.isBlank()) throw new IllegalArgumentException("metric name must not be blank");
        if (!Double.isFinite(baseline)) {
            throw new IllegalArgumentException("metric " + metric + ": baseline must be a finite number, got "
                    + baseline);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("metric " + metric + ": tolerance must be a finite number >= 0, got "
                    + tolerance);
        }
        boolean passed = Comparison.withinTolerance(baseline, candidate, tolerance, higherIsBetter);
        return new Verdict(metric, baseline, candidate, tolerance, higherIsBetter, passed);
    }

    /**
     * Fails when the candidate is worse than the baseline by more than the tolerance (or is NaN).
     *
     * @return the verdict, for reporting the passes too
     * @throws AssertionFailedError with the verdict's message, the baseline as expected and the candidate as actual
     */
    public static Verdict noWorseThan(String metric, double baseline, double candidate, double tolerance,
                                      boolean higherIsBetter) {
        Verdict v = compare(metric, baseline, candidate, tolerance, higherIsBetter);
        if (!v.passed()) {
            throw new AssertionFailedError(v.message(), baseline, candidate);
        }
        return v;
    }

    /** A number with at most 6 significant digits and no trailing zeros (0.95, not 0.950000). */
    static String format(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
