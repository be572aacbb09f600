package io.cdeepex.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The search starts of every question: z0 first, then the extra starts of the strategies the settings switch on
 * (line-search walks, the artefact path), then z0 plus Gaussian noise ({@code searchNoise}) in every extra start no
 * strategy filled. The strategies run in a fixed order and the noise is drawn row by row, so the same seed gives the
 * same starts.
 */
final class StartPlanner {
    private StartPlanner() {}

    /**
     * The rows of the search, {@code searchStarts} per question: row {@code i * searchStarts + j} is start j of
     * question i.
     */
    static float[][] plan(StartContext context) {
        SolverSettings.Starts settings = context.settings().starts();
        int n = context.questions().size();
        int starts = settings.count();
        float[][][] extra = new float[n][starts - 1][];
        for (StartStrategy strategy : strategies(settings)) {
            List<List<float[]>> proposed = strategy.propose(context);
            for (int i = 0; i < n; i++) place(strategy.slot(), proposed.get(i), extra[i]);
        }
        float[][] rows = new float[n * starts][];
        for (int r = 0; r < rows.length; r++) {
            int i = r / starts;
            int j = r % starts;
            float[] z0 = context.z0()[i];
            rows[r] = j == 0 ? z0.clone() : extra[i][j - 1] != null ? extra[i][j - 1].clone()
                    : noisy(z0, settings.noise(), context.random());
        }
        return rows;
    }

    /** The strategies these settings switch on, in the order they draw from the random source. */
    static List<StartStrategy> strategies(SolverSettings.Starts settings) {
        List<StartStrategy> out = new ArrayList<>();
        if (settings.count() < 2) return out;
        if (settings.lineSearchDirections() > 0) out.add(new LineSearchStarts());
        if (settings.artefactPath()) out.add(new ArtefactPathStart());
        return out;
    }

    private static void place(StartStrategy.Slot slot, List<float[]> proposed, float[][] extra) {
        if (extra.length == 0 || proposed.isEmpty()) return;
        if (slot == StartStrategy.Slot.LAST) {
            extra[extra.length - 1] = proposed.get(0);
            return;
        }
        int next = 0;
        for (int j = 0; j < extra.length && next < proposed.size(); j++) {
            if (extra[j] == null) extra[j] = proposed.get(next++);
        }
    }

    /** z0 plus Gaussian noise of this standard deviation on every coordinate. */
    static float[] noisy(float[] z0, double noise, Random random) {
        float[] z = z0.clone();
        for (int j = 0; j < z.length; j++) z[j] += (float) (noise * random.nextGaussian());
        return z;
    }
}
