package io.cdeepex.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;

/**
 * Equation 2 by an augmented Lagrangian method, batched: every row (one search start of one question) keeps its
 * own multipliers, penalty and stop flag; rows that stopped leave the batch, so finished questions cost nothing.
 * Inner loop: Adam on z against the augmented Lagrangian; outer loop: multiplier update and penalty growth.
 */
final class ContrastiveSearch {

    /** How one row ended. */
    record Outcome(float[] z, float[] llh, boolean satisfied, StopReason stop, double violation, int iterations,
                   Trace trace) {}

    private ContrastiveSearch() {}

    /**
     * @param start    initial latent code per row
     * @param z0       the inversion's code per row (the distance is measured from it)
     * @param residual dz0 = G(z0) - I per row, C*H*W at the classifier's size
     */
    static Outcome[] run(LatentPipeline pipeline, NDManager base, float[][] start, float[][] z0, float[][] residual,
                         Shape imageShape, int[] trueClass, int[] probeClass, SolverSettings settings) {
        int rows = start.length;
        int k = pipeline.latentSize();
        int classes = pipeline.classifier().numClasses();
        float[][] z = new float[rows][];
        float[][] lastFinite = new float[rows][];
        float[][] llh = new float[rows][];
        ConstraintState[] constraints = new ConstraintState[rows];
        Row[] state = new Row[rows];
        for (int r = 0; r < rows; r++) {
            z[r] = start[r].clone();
            lastFinite[r] = start[r].clone();
            constraints[r] = new ConstraintState(trueClass[r], probeClass[r], classes, settings);
            state[r] = new Row();
            state[r].innerStop = new InnerStopRule(settings.search().innerStopTolerance());
        }
        Adam adam = new Adam(rows, k, settings.search().learningRate());

        for (int outer = 0; outer < settings.search().maxOuterIterations(); outer++) {
            int[] active = activeRows(state);
            if (active.length == 0) break;
            int a = active.length;
            try (NDManager scope = base.newSubManager()) {
                NDArray dz0 = scope.create(gather(residual, active), new Shape(a).addAll(imageShape));
                // rows still in this inner loop; rows that stalled leave the batched forward until the next one
                int[] inner = active;
                NDArray innerDz0 = dz0;
                for (int r : active) state[r].innerStop.reset();
                for (int step = 0; step < settings.search().innerSteps() && inner.length > 0; step++) {
                    int n = inner.length;
                    boolean anyStalled = false;
                    try (NDManager it = scope.newSubManager()) {
                        NDArray zs = it.create(gather(z, inner), new Shape(n, k));
                        zs.setRequiresGradient(true);
                        float[] grad;
                        float[] values;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray l = logLikelihoods(pipeline, zs, innerDz0);
                            values = l.toFloatArray();
                            float[] weights = new float[n * classes];
                            for (int j = 0; j < n; j++) {
                                float[] row = slice(values, j, classes);
                                if (finite(row)) {
                                    float[] w = constraints[inner[j]].llhWeights(row);
                                    System.arraycopy(w, 0, weights, j * classes, classes);
                                }
                            }
                            gc.backward(l.mul(it.create(weights, new Shape(n, classes))).sum());
                            grad = zs.getGradient().toFloatArray();
                        }
                        for (int j = 0; j < n; j++) {
                            int r = inner[j];
                            float[] row = slice(values, j, classes);
                            float[] g = slice(grad, j, k);
                            if (!finite(row) || !finite(g)) {
                                diverge(state[r], z, lastFinite, r);
                                continue;
                            }
                            if (state[r].stop == StopReason.DIVERGED) continue;
                            state[r].record(row, trueClass[r], probeClass[r]);
                            boolean stalled = state[r].innerStop.enabled() && state[r].innerStop.stalled(
                                    constraints[r].augmentedLagrangian(row, Math.pow(distance(z[r], z0[r]), 2)));
                            for (int i = 0; i < k; i++) g[i] += 2 * (z[r][i] - z0[r][i]);
                            lastFinite[r] = z[r].clone();
                            adam.step(r, z[r], g);
                            if (stalled) {
                                state[r].innerDone = true;
                                anyStalled = true;
                            }
                        }
                    }
                    if (anyStalled) {
                        inner = innerRows(inner, state);
                        if (inner.length > 0) {
                            innerDz0 = scope.create(gather(residual, inner),
                                    new Shape(inner.length).addAll(imageShape));
                        }
                    }
                }
                for (int r : active) state[r].innerDone = false;
                // constraints at the iterate the inner loop reached, then the outer update
                float[] values;
                try (NDManager it = scope.newSubManager()) {
                    values = logLikelihoods(pipeline, it.create(gather(z, active), new Shape(a, k)), dz0)
                            .toFloatArray();
                }
                for (int j = 0; j < a; j++) {
                    int r = active[j];
                    if (state[r].stop == StopReason.DIVERGED) continue;
                    float[] row = slice(values, j, classes);
                    if (!finite(row)) {
                        diverge(state[r], z, lastFinite, r);
                        continue;
                    }
                    llh[r] = row;
                    double distance = distance(z[r], z0[r]);
                    boolean holds = constraints[r].holds(row);
                    if (holds && Math.abs(distance - state[r].previousDistance)
                            <= settings.search().distanceTolerance() * Math.max(distance, 1e-3)) {
                        state[r].stop = StopReason.CONVERGED;
                    }
                    state[r].previousDistance = distance;
                    if (state[r].stop == null) constraints[r].update(row);
                }
            }
        }

        // rows that diverged before any finite evaluation get their values at the last finite iterate
        List<Integer> missing = new ArrayList<>();
        for (int r = 0; r < rows; r++) if (llh[r] == null) missing.add(r);
        if (!missing.isEmpty()) {
            int[] idx = missing.stream().mapToInt(Integer::intValue).toArray();
            try (NDManager it = base.newSubManager()) {
                NDArray dz0 = it.create(gather(residual, idx), new Shape(idx.length).addAll(imageShape));
                float[] values = logLikelihoods(pipeline, it.create(gather(z, idx), new Shape(idx.length, k)), dz0)
                        .toFloatArray();
                for (int j = 0; j < idx.length; j++) llh[idx[j]] = slice(values, j, classes);
            }
        }

        Outcome[] out = new Outcome[rows];
        for (int r = 0; r < rows; r++) {
            StopReason stop = state[r].stop == null ? StopReason.ITERATION_CAP : state[r].stop;
            boolean finiteLlh = finite(llh[r]);
            boolean satisfied = finiteLlh && stop != StopReason.DIVERGED && constraints[r].holds(llh[r]);
            double violation = finiteLlh ? constraints[r].violation(llh[r]) : Double.POSITIVE_INFINITY;
            out[r] = new Outcome(z[r], llh[r], satisfied, stop, violation, state[r].iterations, state[r].trace());
        }
        return out;
    }

    /** log softmax(D(G(z) - dz0)), (rows, classes). */
    static NDArray logLikelihoods(LatentPipeline pipeline, NDArray z, NDArray dz0) {
        return pipeline.classifier().logits(pipeline.images(z).sub(dz0)).logSoftmax(1);
    }

    private static void diverge(Row row, float[][] z, float[][] lastFinite, int r) {
        row.stop = StopReason.DIVERGED;
        z[r] = lastFinite[r].clone();
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return Math.sqrt(s);
    }

    private static int[] activeRows(Row[] state) {
        int n = 0;
        for (Row row : state) if (row.stop == null) n++;
        int[] out = new int[n];
        int j = 0;
        for (int r = 0; r < state.length; r++) if (state[r].stop == null) out[j++] = r;
        return out;
    }

    /** The rows of {@code rows} that neither stalled in this inner loop nor diverged. */
    private static int[] innerRows(int[] rows, Row[] state) {
        return java.util.Arrays.stream(rows).filter(r -> !state[r].innerDone && state[r].stop == null).toArray();
    }

    private static float[] gather(float[][] rows, int[] idx) {
        int size = rows[idx[0]].length;
        float[] flat = new float[idx.length * size];
        for (int j = 0; j < idx.length; j++) System.arraycopy(rows[idx[j]], 0, flat, j * size, size);
        return flat;
    }

    private static float[] slice(float[] flat, int row, int size) {
        float[] out = new float[size];
        System.arraycopy(flat, row * size, out, 0, size);
        return out;
    }

    private static boolean finite(float[] values) {
        if (values == null) return false;
        for (float v : values) if (!Float.isFinite(v)) return false;
        return true;
    }

    /** Per-row progress: stop flag, distance history and the probability trace. */
    private static final class Row {
        StopReason stop;
        double previousDistance = Double.NaN;
        InnerStopRule innerStop;
        boolean innerDone;
        int iterations;
        final List<float[]> trace = new ArrayList<>();

        void record(float[] llh, int t, int p) {
            iterations++;
            double other = 0;
            for (int i = 0; i < llh.length; i++) if (i != t && i != p) other = Math.max(other, Math.exp(llh[i]));
            trace.add(new float[] {iterations, (float) Math.exp(llh[t]), (float) Math.exp(llh[p]), (float) other});
        }

        Trace trace() {
            int n = trace.size();
            int[] it = new int[n];
            float[] pt = new float[n];
            float[] pp = new float[n];
            float[] po = new float[n];
            for (int i = 0; i < n; i++) {
                float[] e = trace.get(i);
                it[i] = (int) e[0];
                pt[i] = e[1];
                pp[i] = e[2];
                po[i] = e[3];
            }
            return new Trace(it, pt, pp, po);
        }
    }
}
