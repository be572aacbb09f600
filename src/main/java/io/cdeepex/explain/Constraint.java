package io.cdeepex.explain;

/**
 * One constraint of Equation 2 at the solution. {@code value} is the constraint function on
 * log-likelihoods: for the equality {@code llh(true) - llh(probe)} (holds when |value| <= tolerance),
 * for an inequality {@code llh(a) - llh(other) - eps} (holds when value >= -tolerance).
 */
public record Constraint(String name, Kind kind, int otherClass, double value, boolean holds) {
    public enum Kind { EQUALITY, TRUE_OVER_OTHER, PROBE_OVER_OTHER }
}
