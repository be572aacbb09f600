package io.cdeepex.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Search starts for the non-convex Equation 2 that a gradient path from z0 cannot reach: z0 is walked along random
 * unit directions until the probe is at least as likely as the true class, and the nearest such points become
 * starts of the augmented-Lagrangian search. The gradient at z0 only sees changes that matter a little at once; a
 * change that matters only when drawn in full (a planted square) lies off that path
 * (docs/experiments/solver-search.md).
 */
final class LineSearchStarts implements StartStrategy {
    /** Equal steps from z0 to the reach along each direction. */
    static final int STEPS = 20;

    @Override
    public Slot slot() { return Slot.FIRST_FREE; }

    /** Up to {@code searchStarts - 1} walked starts per question, nearest first; the walks' passes are counted. */
    @Override
    public List<List<float[]>> propose(StartContext context) {
        SolverSettings.Starts s = context.settings().starts();
        QuestionResolver.Resolved q = context.questions();
        List<List<float[]>> out = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            Result found = nearest(context.pipeline(), context.base(), context.z0()[i], context.residual()[i],
                    context.imageShape(), q.trueClass()[i], q.probeClass()[i], s.lineSearchDirections(),
                    s.lineSearchReach(), s.count() - 1, context.random());
            out.add(found.starts());
            context.passes()[i] += found.forwardPasses();
        }
        return out;
    }

    record Result(List<float[]> starts, long forwardPasses) {}

    /**
     * @param residual dz0 = G(z0) - I at the classifier's size, as in the search
     * @return up to {@code count} points z0 + t u where the probe catches up with the true class, nearest first, and
     *         the forward passes spent finding them
     */
    static Result nearest(LatentPipeline pipeline, NDManager base, float[] z0, float[] residual, Shape imageShape,
                          int trueClass, int probeClass, int directions, double reach, int count, Random random) {
        int k = z0.length;
        int classes = pipeline.classifier().numClasses();
        float[][] u = new float[directions][k];
        for (float[] row : u) {
            double norm = 0;
            for (int j = 0; j < k; j++) {
                row[j] = (float) random.nextGaussian();
                norm += row[j] * row[j];
            }
            for (int j = 0; j < k; j++) row[j] /= (float) Math.sqrt(norm);
        }
        long passes = 0;
        double[] hit = new double[directions];
        Arrays.fill(hit, Double.NaN);
        try (NDManager scope = base.newSubManager()) {
            NDArray dz0 = scope.create(residual, new Shape(1).addAll(imageShape));
            for (int step = 1; step <= STEPS; step++) {
                double t = reach * step / STEPS;
                int[] open = IntStream.range(0, directions).filter(d -> Double.isNaN(hit[d])).toArray();
                if (open.length == 0) break;
                float[] flat = new float[open.length * k];
                for (int o = 0; o < open.length; o++) {
                    for (int j = 0; j < k; j++) flat[o * k + j] = (float) (z0[j] + t * u[open[o]][j]);
                }
                passes += open.length;
                float[] llh;
                try (NDManager it = scope.newSubManager()) {
                    llh = ContrastiveSearch.logLikelihoods(pipeline, it.create(flat, new Shape(open.length, k)), dz0)
                            .toFloatArray();
                }
                for (int o = 0; o < open.length; o++) {
                    float probe = llh[o * classes + probeClass];
                    float truth = llh[o * classes + trueClass];
                    if (Float.isFinite(probe) && Float.isFinite(truth) && probe >= truth) hit[open[o]] = t;
                }
            }
        }
        List<float[]> out = new ArrayList<>();
        IntStream.range(0, directions).filter(d -> !Double.isNaN(hit[d])).boxed()
                .sorted(Comparator.comparingDouble(d -> hit[d])).limit(count).forEach(d -> {
                    float[] z = new float[k];
                    for (int j = 0; j < k; j++) z[j] = (float) (z0[j] + hit[d] * u[d][j]);
                    out.add(z);
                });
        return new Result(out, passes);
    }
}
