package io.cdeepex.metrics;

import io.cdeepex.explain.Constraint;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.StopReason;
import io.cdeepex.explain.Trace;

import java.util.List;

/**
 * Hand-built explanations for metric tests: 4x4 grey images, four classes, "why class 1 and not class 2?", the
 * probabilities and difference map as given, so that every metric's value can be worked out by hand.
 */
public final class HandBuilt {
    public static final int TRUE = 1;
    public static final int PROBE = 2;
    public static final int SIDE = 4;
    /** Before the search: p(true) 0.7, p(probe) 0.1, classes 0 and 3 0.1 each. */
    private static final float[] BEFORE = {0.1f, 0.7f, 0.1f, 0.1f};

    private HandBuilt() {}

    /**
     * An explanation with these probabilities at the solution and this difference map.
     *
     * @param after      p(class 0), p(true), p(probe), p(class 3)
     * @param difference 16 values, row by row; a list of (column, row, value) triples is easier: see {@link #map}
     */
    public static Explanation explanation(String id, float[] after, boolean satisfied, float[] difference) {
        float[] input = new float[SIDE * SIDE];
        List<Constraint> constraints = List.of(
                new Constraint("equality", Constraint.Kind.EQUALITY, -1, satisfied ? 0.01 : 0.4, satisfied),
                new Constraint("true>3", Constraint.Kind.TRUE_OVER_OTHER, 3, 1.0, true));
        return new Explanation(id, Method.CDEEPEX, TRUE, PROBE, 1, SIDE, SIDE, input, input.clone(), input.clone(),
                input.clone(), difference, BEFORE.clone(), after, constraints, satisfied, StopReason.CONVERGED,
                1.0, 0.01, 10, 5, Trace.empty(), 100, -1, null);
    }

    /** A difference map with the given (column, row, value) entries, zero elsewhere. */
    public static float[] map(float... columnRowValue) {
        float[] d = new float[SIDE * SIDE];
        for (int i = 0; i < columnRowValue.length; i += 3) {
            d[(int) columnRowValue[i + 1] * SIDE + (int) columnRowValue[i]] = columnRowValue[i + 2];
        }
        return d;
    }

    /** p(class 0), p(true), p(probe), p(class 3). */
    public static float[] after(float other, float pTrue, float pProbe, float rest) {
        return new float[] {other, pTrue, pProbe, rest};
    }
}
