package io.cdeepex.report;

import io.cdeepex.explain.Constraint;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.StopReason;
import io.cdeepex.explain.Trace;

import java.util.Arrays;
import java.util.List;

/** Hand-built explanation records for report tests (this layer draws results; it needs no model). */
final class SyntheticExplanations {
    static final int TRUE_CLASS = 4;
    static final int PROBE_CLASS = 9;

    private SyntheticExplanations() {}

    /** A grey C=1 explanation with the given input and difference, 10 classes, a short trace. */
    static Explanation grey(String id, int height, int width, float[] input, float[] difference) {
        return of(id, Method.CDEEPEX, 1, height, width, input, difference);
    }

    static Explanation of(
            String id, Method method, int channels, int height, int width, float[] input, float[] difference) {
        float[] before = probabilities(0.90f, 0.06f);
        float[] after = probabilities(0.45f, 0.44f);
        float[] probeSide = input.clone();
        for (int i = 0; i < probeSide.length; i++) probeSide[i] = Math.min(1f, probeSide[i] + 0.1f);
        Trace trace = new Trace(new int[] {0, 1, 2, 3}, new float[] {0.9f, 0.7f, 0.55f, 0.45f},
                new float[] {0.06f, 0.2f, 0.35f, 0.44f}, new float[] {0.02f, 0.05f, 0.06f, 0.05f});
        List<Constraint> constraints = List.of(
                new Constraint("equality", Constraint.Kind.EQUALITY, -1, 0.02, true),
                new Constraint("true>7", Constraint.Kind.TRUE_OVER_OTHER, 7, 1.5, true));
        return new Explanation(id, method, TRUE_CLASS, PROBE_CLASS, channels, height, width, input, input.clone(),
                probeSide, probeSide, difference, before, after, constraints, true, StopReason.CONVERGED,
                1.25, 0.004, 120, 35, trace, 242, -1, null);
    }

    /** {@link #digit} as a baseline method answers it: no reconstruction, no constraints, no trace, maps kept. */
    static Explanation baseline(String id, Method method) {
        Explanation d = digit(id);
        return new Explanation(id, method, d.trueClass(), d.probeClass(), 1, d.height(), d.width(), d.input(), null,
                d.probeSide(), d.probeSide(), d.difference(), d.before(), d.after(), List.of(), true,
                StopReason.MAPS_KEPT, Double.NaN, Double.NaN, 0, 12, Trace.empty(), 1401, 37,
                java.util.Map.of("contrast.weightsTried", 400.0, "lime.segments.true", 49.0));
    }

    /** A 28x28 image: a bright vertical bar on black; difference +1 top-left block, -0.5 bottom-right block. */
    static Explanation digit(String id) {
        int h = 28;
        int w = 28;
        float[] input = new float[h * w];
        for (int row = 4; row < 24; row++) for (int col = 12; col < 16; col++) input[row * w + col] = 0.8f;
        float[] difference = new float[h * w];
        for (int row = 0; row < 6; row++) for (int col = 0; col < 6; col++) difference[row * w + col] = 1f;
        for (int row = 20; row < 28; row++) for (int col = 20; col < 28; col++) difference[row * w + col] = -0.5f;
        return grey(id, h, w, input, difference);
    }

    static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    /** Ten classes: the given p(true) and p(probe), the rest shared equally. */
    private static float[] probabilities(float pTrue, float pProbe) {
        float[] p = filled(10, (1f - pTrue - pProbe) / 8f);
        p[TRUE_CLASS] = pTrue;
        p[PROBE_CLASS] = pProbe;
        return p;
    }
}
