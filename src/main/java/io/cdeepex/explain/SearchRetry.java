package io.cdeepex.explain;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The second round for questions whose first search met no constraints ({@code retryStarts}): z0 is walked along
 * random directions ({@link LineSearchStarts}) until the probe is at least as likely as the true class, and the
 * nearest such points are searched again; where fewer walks tie than {@code retryStarts}, z0 plus noise at the
 * prior's scale fills the rest. A satisfied answer of this round replaces the first round's; an unsatisfied one never
 * does. A gradient path from z0 can stall where a third class takes over, with
 * no tie of the two classes near it; a walk crosses that region instead of descending into it. The walks reach twice
 * the prior's typical radius, sqrt(latent size), so they can cross the latent region the generator was trained on
 * from any z0. Directions are drawn from the seed and the image id, so a question gets the same retry in any batch.
 */
final class SearchRetry {
    /** Random directions walked per retried question. */
    static final int DIRECTIONS = 64;
    /** Standard deviation of the noise on z0 for the retry starts no walk found: the prior's own, N(0, I). */
    static final double NOISE = 1.0;

    /** The retried questions' search rows ({@code retryStarts} per question): its question, and where it starts. */
    record Rows(int[] question, float[][] start) {
        int size() { return question.length; }
    }

    private SearchRetry() {}

    /**
     * The second round's search: a third of the first round's multiplier updates. Its walked starts already tie the
     * two classes, and the searches from them that meet the constraints do so early; the cap bounds what the
     * questions it cannot answer either cost (docs/experiments/bias-benchmark.md).
     */
    static SolverSettings settings(SolverSettings first) {
        return first.toBuilder().maxOuterIterations(Math.max(1, first.search().maxOuterIterations() / 3)).build();
    }

    /** How far the walks go for a latent code of this size. */
    static double reach(int latentSize) {
        return 2 * Math.sqrt(latentSize);
    }

    /**
     * @param retried  the questions to search again
     * @param residual dz0 = G(z0) - I per question, as in the search
     * @param passes   per question, the model passes spent; the walks' passes are added
     */
    static Rows plan(LatentPipeline pipeline, NDManager base, QuestionResolver.Resolved q, int[] retried, float[][] z0,
                     float[][] residual, SolverSettings settings, long[] passes) {
        Shape in = pipeline.classifier().inputShape();
        List<Integer> question = new ArrayList<>();
        List<float[]> start = new ArrayList<>();
        for (int i : retried) {
            Random random = new Random(settings.seed() * 31 + q.ids().get(i).hashCode());
            LineSearchStarts.Result found = LineSearchStarts.nearest(pipeline, base, z0[i], residual[i], in,
                    q.trueClass()[i], q.probeClass()[i], DIRECTIONS, reach(z0[i].length),
                    settings.starts().retryStarts(), random);
            passes[i] += found.forwardPasses();
            for (float[] z : found.starts()) {
                question.add(i);
                start.add(z);
            }
            for (int j = found.starts().size(); j < settings.starts().retryStarts(); j++) {
                question.add(i);
                start.add(StartPlanner.noisy(z0[i], NOISE, random));
            }
        }
        return new Rows(question.stream().mapToInt(Integer::intValue).toArray(), start.toArray(float[][]::new));
    }
}
