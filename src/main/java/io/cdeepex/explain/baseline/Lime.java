package io.cdeepex.explain.baseline;

import io.cdeepex.explain.SolverSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Ribeiro et al.'s LIME for images, as the reference {@code lime_image} computes it:
 * <ol>
 *   <li>split the image into about {@code limeSegments} {@link Superpixels} (SLIC);</li>
 *   <li>draw {@code limeSamples} on/off masks over the superpixels — the first all on, the others each superpixel on
 *       with probability 1/2 from the context's seeded random source — and turn the "off" superpixels black (0).
 *       Black is the digits' background, so switching a superpixel off removes what it draws; the reference code's
 *       default of the superpixel's mean colour would leave a grey blob instead;</li>
 *   <li>weight every sample by LIME's kernel {@code sqrt(exp(-d^2 / 0.25^2))} on the cosine distance d between its
 *       mask and the all-on mask;</li>
 *   <li>fit p(class) on the masks by {@link WeightedRidge} (alpha 1, with intercept) and paint each superpixel's
 *       coefficient on its pixels: positive = evidence for the class.</li>
 * </ol>
 * The perturbed images of all images go to the classifier in one call, made batch by batch as the probe asks for
 * them (only the masks are kept). An image given more
 * than once — the contrastive explainer asks about the true and the probe class of the same input — is segmented,
 * sampled and evaluated once, and each class is fitted on the same samples (as {@code lime_image} does for several
 * labels). Diagnostics per image: {@code lime.segments} (the number of superpixels) and {@code lime.score} (the
 * weighted R^2 of the fit: how well a linear model of the superpixels explains the classifier near the image).
 */
public final class Lime implements RelevanceMethod {
    /** LIME's default kernel width for images (on the cosine distance). */
    static final double KERNEL_WIDTH = 0.25;
    /** LIME's default ridge penalty. */
    static final double RIDGE_ALPHA = 1.0;

    @Override
    public RelevanceMaps relevance(BaselineContext context, float[][] images, int[] classes) {
        ModelProbe model = context.model();
        SolverSettings s = context.settings();
        int n = images.length;
        if (classes.length != n) {
            throw new IllegalArgumentException("LIME expected one class per image (" + n + "), got " + classes.length);
        }
        int c = model.channels();
        int h = model.height();
        int w = model.width();
        for (int i = 0; i < n; i++) {
            if (classes[i] < 0 || classes[i] >= model.numClasses()) {
                throw new IllegalArgumentException("LIME: class " + classes[i] + " of image " + i
                        + " is outside 0.." + (model.numClasses() - 1));
            }
        }

        // the distinct images, in order of first appearance
        List<float[]> distinct = new ArrayList<>();
        int[] distinctOf = new int[n];
        for (int i = 0; i < n; i++) distinctOf[i] = indexOf(distinct, images[i]);

        int samples = s.baselines().limeSamples();
        int u = distinct.size();
        Superpixels[] segments = new Superpixels[u];
        double[][][] masks = new double[u][][];
        Random random = context.random();
        for (int d = 0; d < u; d++) {
            segments[d] = Superpixels.of(distinct.get(d), c, h, w, s.baselines().limeSegments());
            masks[d] = masks(samples, segments[d].count(), random);
        }
        // perturbed images are made batch by batch as the probe asks for them: only the masks stay in memory
        float[][] p = model.probabilities(u * samples, row -> {
            int d = row / samples;
            return perturb(distinct.get(d), segments[d].labels(), masks[d][row % samples]);
        });

        double[][] weights = new double[u][];
        for (int d = 0; d < u; d++) weights[d] = kernelWeights(masks[d]);

        float[][] maps = new float[n][];
        List<Map<String, Double>> diagnostics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int d = distinctOf[i];
            double[] y = new double[samples];
            for (int k = 0; k < samples; k++) y[k] = p[d * samples + k][classes[i]];
            WeightedRidge.Fit fit = WeightedRidge.fit(masks[d], y, weights[d], RIDGE_ALPHA);
            int[] labels = segments[d].labels();
            maps[i] = new float[labels.length];
            for (int q = 0; q < labels.length; q++) maps[i][q] = (float) fit.coefficients()[labels[q]];
            diagnostics.add(Map.of("lime.segments", (double) segments[d].count(), "lime.score", fit.score()));
        }
        return new RelevanceMaps(maps, diagnostics);
    }

    /** First sample all on (the image itself), the others each superpixel on with probability 1/2. */
    static double[][] masks(int samples, int segments, Random random) {
        double[][] m = new double[samples][segments];
        Arrays.fill(m[0], 1);
        for (int k = 1; k < samples; k++) {
            for (int j = 0; j < segments; j++) m[k][j] = random.nextBoolean() ? 1 : 0;
        }
        return m;
    }

    /** The image with every pixel of an "off" superpixel set to 0 on all channels. */
    static float[] perturb(float[] image, int[] labels, double[] mask) {
        int hw = labels.length;
        float[] out = image.clone();
        for (int q = 0; q < out.length; q++) {
            if (mask[labels[q % hw]] == 0) out[q] = 0;
        }
        return out;
    }

    /**
     * LIME's kernel on the cosine distance to the all-on mask: for a mask with a of K superpixels on,
     * {@code d = 1 - sqrt(a / K)} (1 for the all-off mask, as scikit-learn's cosine distance of a zero vector).
     */
    static double[] kernelWeights(double[][] masks) {
        double[] w = new double[masks.length];
        for (int k = 0; k < masks.length; k++) {
            double on = 0;
            for (double v : masks[k]) on += v;
            double distance = 1 - Math.sqrt(on / masks[k].length);
            w[k] = Math.sqrt(Math.exp(-distance * distance / (KERNEL_WIDTH * KERNEL_WIDTH)));
        }
        return w;
    }

    private static int indexOf(List<float[]> distinct, float[] image) {
        for (int d = 0; d < distinct.size(); d++) {
            if (distinct.get(d) == image || Arrays.equals(distinct.get(d), image)) return d;
        }
        distinct.add(image);
        return distinct.size() - 1;
    }
}
