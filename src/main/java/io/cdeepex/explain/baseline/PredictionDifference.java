package io.cdeepex.explain.baseline;

import io.cdeepex.explain.SolverSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Zintgraf et al.'s prediction difference analysis (ICLR 2017) with conditional sampling: how much evidence for a
 * class disappears when a window of the image is replaced by what the data would plausibly put there given the
 * window's surroundings.
 *
 * <p>For each position of a {@code pdaWindow} x {@code pdaWindow} window (every {@code pdaStride} pixels, the last
 * row/column included), a Gaussian is fitted to the pixels of the window plus a frame of {@code pdaPadding} pixels
 * (clipped at the border, all channels), and {@code pdaSamples} window contents are drawn conditioned on the frame of
 * the image being explained, clipped to 0..1. Zintgraf et al. estimate that Gaussian from the classifier's training
 * data; we estimate it from {@code pdaReferenceImages} samples of the generator, which models that training data (the
 * framework's premise; see docs/architecture.md).
 * Then {@code p(c | x \ w)} is the mean of p(c) over the samples and the window's
 * weight of evidence is {@code WE = log2 odds p(c | x) - log2 odds p(c | x \ w)}, positive when the window is
 * evidence for c. Zintgraf et al. avoid infinite log-odds with a Laplace correction {@code (pN + 1)/(N + K)} over
 * the training set size N; we have no N and clamp both probabilities to [1e-6, 1 - 1e-6] instead, which bounds
 * |WE| by about 40 bits. A pixel's relevance is the mean WE of the windows covering it.
 *
 * <p>Cost: the fits are done once per call (they do not depend on the explained image); every sample of every window
 * of every image, and the images themselves, go through the model in one {@link ModelProbe#probabilities} call
 * ({@code images * positions * pdaSamples + images} forward passes; 36 positions on 28x28, 225 on 64x64), made
 * batch by batch as the probe asks for them, so memory does not grow with that count. Diagnostics per image:
 * {@code pda.positions}.
 */
public final class PredictionDifference implements RelevanceMethod {
    /** Added to every fitted patch covariance's diagonal: keeps the conditional Gaussians proper with few samples. */
    static final double RIDGE = 1e-2;
    /** Probabilities are clamped to [CLAMP, 1 - CLAMP] before taking log-odds. */
    static final double CLAMP = 1e-6;

    @Override
    public RelevanceMaps relevance(BaselineContext context, float[][] images, int[] classes) {
        SolverSettings s = context.settings();
        ModelProbe model = context.model();
        Random random = context.random();
        int n = images.length;
        if (classes.length != n) {
            throw new IllegalArgumentException(n + " images but " + classes.length
                    + " classes; expected one class per image");
        }
        if (n == 0) return new RelevanceMaps(new float[0][]);
        int c = model.channels(), h = model.height(), w = model.width();
        int size = c * h * w;
        for (int i = 0; i < n; i++) {
            if (images[i].length != size) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " values; expected "
                        + c + "x" + h + "x" + w + " = " + size);
            }
        }

        float[][] references = context.referenceImages().apply(s.baselines().pdaReferenceImages());
        checkReferences(references, s.baselines().pdaReferenceImages(), size, c, h, w);
        List<WindowPositions.Window> windows = WindowPositions.cover(h, w, s.baselines().pdaWindow(),
                s.baselines().pdaStride());
        int positions = windows.size();
        ConditionalGaussian[] gaussians = new ConditionalGaussian[positions];
        int[][] windowIndices = new int[positions][];
        for (int p = 0; p < positions; p++) {
            WindowPositions.Window window = windows.get(p);
            windowIndices[p] = window.windowIndices(c, h, w);
            gaussians[p] = ConditionalGaussian.fit(references, windowIndices[p],
                    window.frameIndices(s.baselines().pdaPadding(), c, h, w), RIDGE);
        }

        // probe rows: image i, position p, sample k at (i * positions + p) * samples + k; then the n images themselves.
        // Made on demand in row order (the probe asks in order, so the random draws are repeatable).
        int samples = s.baselines().pdaSamples();
        int perturbed = n * positions * samples;
        float[][] probabilities = model.probabilities(perturbed + n, row -> {
            if (row >= perturbed) return images[row - perturbed];
            int i = row / (positions * samples);
            int p = (row / samples) % positions;
            int[] idx = windowIndices[p];
            float[] x = images[i].clone();
            double[] draw = gaussians[p].sample(images[i], random);
            for (int j = 0; j < idx.length; j++) x[idx[j]] = (float) Math.max(0, Math.min(1, draw[j]));
            return x;
        });

        float[][] maps = new float[n][h * w];
        List<Map<String, Double>> diagnostics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int cls = classes[i];
            double logOddsWith = log2Odds(probabilities[perturbed + i][cls]);
            double[] sum = new double[h * w];
            int[] count = new int[h * w];
            for (int p = 0; p < positions; p++) {
                double mean = 0;
                for (int k = 0; k < samples; k++) mean += probabilities[(i * positions + p) * samples + k][cls];
                double evidence = logOddsWith - log2Odds(mean / samples);
                WindowPositions.Window window = windows.get(p);
                for (int r = window.top(); r < window.top() + window.height(); r++) {
                    for (int q = window.left(); q < window.left() + window.width(); q++) {
                        sum[r * w + q] += evidence;
                        count[r * w + q]++;
                    }
                }
            }
            for (int j = 0; j < h * w; j++) maps[i][j] = (float) (sum[j] / count[j]);
            diagnostics.add(Map.of("pda.positions", (double) positions));
        }
        return new RelevanceMaps(maps, diagnostics);
    }

    /** log2(p / (1 - p)) with p clamped to [CLAMP, 1 - CLAMP]. */
    static double log2Odds(double p) {
        double q = Math.max(CLAMP, Math.min(1 - CLAMP, p));
        return Math.log(q / (1 - q)) / Math.log(2);
    }

    private static void checkReferences(float[][] references, int requested, int size, int c, int h, int w) {
        if (references == null || references.length < 2) {
            throw new IllegalStateException("PDA needs at least 2 reference images to fit its Gaussians; asked for "
                    + requested + ", got " + (references == null ? 0 : references.length));
        }
        for (int r = 0; r < references.length; r++) {
            if (references[r].length != size) {
                throw new IllegalStateException("reference image " + r + " has " + references[r].length
                        + " values; expected " + c + "x" + h + "x" + w + " = " + size);
            }
        }
    }
}
