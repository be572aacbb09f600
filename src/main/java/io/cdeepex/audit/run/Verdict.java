package io.cdeepex.audit.run;

import io.cdeepex.audit.suite.Expectation;
import io.cdeepex.metrics.Comparison;
import io.cdeepex.metrics.Describe;
import io.cdeepex.metrics.Measurement;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a measured value meets its expectation, and the sentence that says so with the numbers: the value and
 * its bounds for a plain case, with the metric core's list of offending images under a broken bound; for a
 * regression gate, in the manner of MLflow's model validation, the candidate and baseline values, the tolerance (or
 * the improvement asked for) and the direction. Every comparison is the metric core's ({@link Comparison}), so a
 * suite and an AssertJ assertion with the same bound agree.
 */
record Verdict(boolean passed, String text) {

    /** A plain case: the measurement against atLeast / atMost; a broken bound lists its offenders below the line. */
    static Verdict of(Expectation x, Measurement m) {
        double value = m.value();
        List<String> broken = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (Double.isNaN(value)) broken.add("it could not be measured");
        if (x.atLeast() != null) check(m, true, x.atLeast(), "expected at least ", broken, details);
        if (x.atMost() != null) check(m, false, x.atMost(), "expected at most ", broken, details);
        String bounds = bounds(x);
        if (broken.isEmpty()) {
            return new Verdict(true, x.describe() + " = " + f(value) + m.counted() + " (expected " + bounds + ")");
        }
        StringBuilder text = new StringBuilder(x.describe() + " = " + f(value) + m.counted() + ", "
                + String.join(" and ", broken) + " [" + x.field() + ", " + x.position() + "]");
        details.forEach(d -> text.append("\n      ").append(d.strip().replace("\n", "\n      ")));
        return new Verdict(false, text.toString());
    }

    private static void check(Measurement m, boolean lower, double bound, String words, List<String> broken,
                              List<String> details) {
        if (m.holds(lower, bound)) return;
        broken.add(words + f(bound));
        if (m.size() > 0) details.add(m.failure(lower, bound));
    }

    /** A regression gate: the candidate against the baseline, then against any absolute bounds. */
    static Verdict gate(Expectation x, String baselineName, double baseline, String candidateName, double candidate) {
        String metric = x.describe();
        boolean higher = x.higherIsBetter();
        String direction = higher ? "higher is better" : "lower is better";
        double worseBy = Comparison.worseBy(baseline, candidate, higher);
        String values = "candidate model " + candidateName + " " + x.metric().id() + " = " + f(candidate)
                + ", baseline model " + baselineName + " " + x.metric().id() + " = " + f(baseline);
        List<String> failures = new ArrayList<>();
        String rule;
        if (Double.isNaN(baseline) || Double.isNaN(candidate)) {
            failures.add("a value could not be measured");
            rule = "";
        } else if (x.minImprovement() != null) {
            rule = ", min improvement = " + f(x.minImprovement()) + " (" + direction + ")";
            if (!Comparison.improvesBy(baseline, candidate, x.minImprovement(), higher)) {
                failures.add(Comparison.same(baseline, candidate) ? "the candidate is no better than the baseline"
                        : worseBy > 0 ? "the candidate is worse by " + f(worseBy)
                        : "the candidate improves by only " + f(-worseBy) + ", less than the min improvement");
            }
        } else {
            rule = ", tolerance = " + f(x.tolerance()) + " (" + direction + ")";
            if (!Comparison.withinTolerance(baseline, candidate, x.tolerance(), higher)) {
                failures.add("the candidate is worse by " + f(worseBy) + ", more than the tolerance");
            }
        }
        if (x.atLeast() != null && !Comparison.atLeast(candidate, x.atLeast())) {
            failures.add("the candidate is below atLeast " + f(x.atLeast()));
        }
        if (x.atMost() != null && !Comparison.atMost(candidate, x.atMost())) {
            failures.add("the candidate is above atMost " + f(x.atMost()));
        }
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
        return Describe.num(v);
    }
}
