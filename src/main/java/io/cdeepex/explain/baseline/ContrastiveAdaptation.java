package io.cdeepex.explain.baseline;

import io.cdeepex.explain.SolverSettings;

/**
 * The paper's §4.1 recipe for turning single-class maps into an answer to "why true and not probe?": for every
 * weight w from {@code contrastWeightStep} to {@code contrastWeightMax} (0.005..2 step 0.005), the map
 * {@code m = map(true) - w * map(probe)}; impose it on the input (remove where m favours the true class, add where it
 * favours the probe, scaled to {@code imposeStrength} at its largest pixel, clipped to 0..1) and keep it when that
 * lowers p(true) and raises p(probe); the answer is the mean of the kept maps. All weights of one image are tested in
 * one batch.
 */
public final class ContrastiveAdaptation {

    /**
     * @param difference H*W change the kept maps ask for: {@code -mean(m)}, positive = must be added (red), negative
     *                   = must be removed (blue); all zeros when nothing was kept
     * @param imposed    the input with that change imposed (C*H*W, clipped), or the input itself when nothing was kept
     * @param kept       how many weights were kept
     * @param tried      how many weights were tried
     */
    public record Result(float[] difference, float[] imposed, int kept, int tried) {}

    private ContrastiveAdaptation() {}

    /** The weights w the paper tries: step, 2*step, ... up to max (inclusive within rounding). */
    static double[] weights(SolverSettings s) {
        int count = (int) Math.floor(s.baselines().contrastWeightMax() / s.baselines().contrastWeightStep() + 1e-9);
        double[] w = new double[count];
        for (int k = 0; k < count; k++) w[k] = (k + 1) * s.baselines().contrastWeightStep();
        return w;
    }

    /**
     * @param image    C*H*W input
     * @param mapTrue  H*W relevance for the true class
     * @param mapProbe H*W relevance for the probe class
     * @param before   the input's class probabilities
     */
    public static Result adapt(ModelProbe model, float[] image, float[] mapTrue, float[] mapProbe,
                               int trueClass, int probeClass, float[] before, SolverSettings s) {
        double[] w = weights(s);
        float[][] maps = new float[w.length][];
        float[][] imposed = new float[w.length][];
        for (int k = 0; k < w.length; k++) {
            maps[k] = new float[mapTrue.length];
            for (int i = 0; i < mapTrue.length; i++) maps[k][i] = (float) (mapTrue[i] - w[k] * mapProbe[i]);
            imposed[k] = impose(image, negate(maps[k]), s.baselines().imposeStrength());
        }
        float[][] after = model.probabilities(imposed);
        float[] sum = new float[mapTrue.length];
        int kept = 0;
        for (int k = 0; k < w.length; k++) {
            boolean usable = maxAbs(maps[k]) > 0;
            if (usable && after[k][trueClass] < before[trueClass] && after[k][probeClass] > before[probeClass]) {
                for (int i = 0; i < sum.length; i++) sum[i] += maps[k][i];
                kept++;
            }
        }
        float[] difference = new float[sum.length];
        if (kept == 0) return new Result(difference, image.clone(), 0, w.length);
        for (int i = 0; i < sum.length; i++) difference[i] = -sum[i] / kept;
        return new Result(difference, impose(image, difference, s.baselines().imposeStrength()), kept, w.length);
    }

    /**
     * The image plus the H*W change scaled so its largest absolute value is {@code strength}, on every channel,
     * clipped to 0..1. A zero change leaves the image as it is.
     */
    static float[] impose(float[] image, float[] change, double strength) {
        int hw = change.length;
        float max = maxAbs(change);
        float[] out = image.clone();
        if (max == 0) return out;
        float scale = (float) (strength / max);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, out[i] + scale * change[i % hw]));
        }
        return out;
    }

    private static float[] negate(float[] m) {
        float[] out = new float[m.length];
        for (int i = 0; i < m.length; i++) out[i] = -m[i];
        return out;
    }

    private static float maxAbs(float[] m) {
        float max = 0;
        for (float v : m) max = Math.max(max, Math.abs(v));
        return max;
    }
}
