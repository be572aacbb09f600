package io.cdeepex.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a measured value meets its expectation, and the sentence that says so with the numbers: the value and
 * its bounds for a plain case; for a regression gate, in the manner of MLflow's model validation, the candidate
 * and baseline values, the tolerance (or the improvement asked for) and the direction.
 */
record Verdict(boolean passed, String text) {

    /** Judges one bound: the assertion layer's verdict where it has one, else the plain comparison. */
    interface BoundJudge {
        Optional<AssertionChecks.Judged> judge(boolean lowerBound, double bound);

        BoundJudge NONE = (lower, bound) -> Optional.empty();
    }

    /** A plain case: {@code value} against atLeast / atMost. */
    static Verdict of(Expectation x, double value, String measured) {
        return of(x, value, measured, BoundJudge.NONE);
    }

    /**
     * A plain case: {@code value} against atLeast / atMost, each bound judged by {@code judge} where it can (its
     * failure message, listing the offending images, is added), else compared here.
     */
    static Verdict of(Expectation x, double value, String measured, BoundJudge judge) {
        List<String> broken = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (Double.isNaN(value)) broken.add("it could not be measured");
        if (x.atLeast() != null) check(judge, true, x.atLeast(), value >= x.atLeast(), "expected at least ", broken, details);
        if (x.atMost() != null) check(judge, false, x.atMost(), value <= x.atMost(), "expected at most ", broken, details);
        String bounds = bounds(x);
        if (broken.isEmpty()) {
            return new Verdict(true, x.describe() + " = " + f(value) + measured + " (expected " + bounds + ")");
        }
        StringBuilder text = new StringBuilder(x.describe() + " = " + f(value) + measured + ", "
                + String.join(" and ", broken) + " [" + x.field() + ", " + x.position() + "]");
        details.forEach(d -> text.append("\n      ").append(d.strip().replace("\n", "\n      ")));
        return new Verdict(false, text.toString());
    }

    private static void check(BoundJudge judge, boolean lower, double bound, boolean holds, String words,
                              List<String> broken, List<String> details) {
        Optional<AssertionChecks.Judged> judged = Double.isNaN(bound) ? Optional.empty()
                : judge.judge(lower, bound);
        boolean passed = judged.map(AssertionChecks.Judged::passed).orElse(holds);
        if (!passed) {
            broken.add(words + f(bound));
            judged.map(AssertionChecks.Judged::message).ifPresent(details::add);
        }
    }

    /** A regression gate: the candidate against the baseline, then against any absolute bounds. */
    static Verdict gate(Expectation x, String baselineName, double baseline, String candidateName, double candidate) {
        String metric = x.describe();
        String direction = x.higherIsBetter() ? "higher is better" : "lower is better";
        double worseBy = x.higherIsBetter() ? baseline - candidate : candidate - baseline;
        String values = "candidate model " + candidateName + " " + x.metric().id() + " = " + f(candidate)
                + ", baseline model " + baselineName + " " + x.metric().id() + " = " + f(baseline);
        List<String> failures = new ArrayList<>();
        String rule;
        if (Double.isNaN(baseline) || Double.isNaN(candidate)) {
            failures.add("a value could not be measured");
            rule = "";
        } else if (x.minImprovement() != null) {
            rule = ", min improvement = " + f(x.minImprovement()) + " (" + direction + ")";
            if (!(-worseBy >= x.minImprovement() - 1e-12)) {
                failures.add(worseBy > 1e-12 ? "the candidate is worse by " + f(worseBy)
                        : worseBy >= -1e-12 ? "the candidate is no better than the baseline"
                        : "the candidate improves by only " + f(-worseBy) + ", less than the min improvement");
            }
        } else {
            rule = ", tolerance = " + f(x.tolerance()) + " (" + direction + ")";
            if (!AssertionChecks.gatePasses(x, baseline, candidate)) {
                failures.add("the candidate is worse by " + f(worseBy) + ", more than the tolerance");
            }
        }
        if (x.atLeast() != null && !(candidate >= x.atLeast())) failures.add("the candidate is below atLeast " + f(x.atLeast()));
        if (x.atMost() != null && !(candidate <= x.atMost())) failures.add("the candidate is above atMost " + f(x.atMost()));
        String bounds = x.atLeast() == null && x.atMost() == null ? "" : ", candidate bound " + bounds(x);
        if (failures.isEmpty()) {
            return new Verdict(true, "Metric " + metric + " regression check passed: " + values + rule + bounds + ".");
        }
        return new Verdict(false, "Metric " + metric + " regression check failed: " + values + rule + bounds + "; "
                + String.join("; ", failures) + ". [" + x.field() + ", " + x.position() + "]");
    }

    private static String bounds(Expectation x) {
        if (x.atLeast() != null && x.atMost() != null) return "in " + f(x.atLeast()) + ".." + f(x.atMost());
        if (x.atLeast() != null) return ">= " + f(x.atLeast());
        if (x.atMost() != null) return "<= " + f(x.atMost());
        return "no bound";
    }

    static String f(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }
}
