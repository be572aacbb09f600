package io.cdeepex.explain;

/**
 * When one row of the augmented-Lagrangian search leaves its inner loop early: once the augmented Lagrangian has
 * not improved, over the last {@link #WINDOW} Adam steps, by more than {@code tolerance} times its best value
 * before them. Adam's value is noisy step to step, so one step without progress is not enough; a few in a row
 * mean the inner minimisation has reached what this multiplier update can give. Tolerance 0 is off: the inner
 * loop then always runs its full {@code innerSteps}.
 */
final class InnerStopRule {
    /** Steps without enough improvement before the inner loop ends. */
    static final int WINDOW = 3;

    private final double tolerance;
    private final double[] recent = new double[WINDOW];
    private int seen;
    private double bestBefore = Double.POSITIVE_INFINITY;

    InnerStopRule(double tolerance) {
        this.tolerance = tolerance;
    }

    /** Whether the rule can stop a row at all (a tolerance above 0). */
    boolean enabled() { return tolerance > 0; }

    /** Records the augmented Lagrangian at one inner step; true when the row should leave the inner loop now. */
    boolean stalled(double value) {
        if (tolerance <= 0) return false;
        if (seen >= WINDOW) bestBefore = Math.min(bestBefore, recent[seen % WINDOW]);
        recent[seen % WINDOW] = value;
        seen++;
        if (seen <= WINDOW || !Double.isFinite(bestBefore)) return false;
        double bestRecent = Double.POSITIVE_INFINITY;
        for (double v : recent) bestRecent = Math.min(bestRecent, v);
        return bestBefore - bestRecent <= tolerance * Math.max(Math.abs(bestBefore), 1e-6);
    }

    /** Forgets the values: the next inner loop minimises a new augmented Lagrangian. */
    void reset() {
        seen = 0;
        bestBefore = Double.POSITIVE_INFINITY;
    }
}
