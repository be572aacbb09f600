package io.cdeepex.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.Random;

/**
 * Procedure 2: {@code z0 = argmin_z ||G(z) - I||^2}, batched over images and starts (the encoder's start when
 * the generator has one, plus {@code inversionStarts} random starts z ~ N(0, I), at least one without an encoder);
 * keeps the best start per image.
 */
final class Inversion {
    /** Best latent code per image and its per-pixel mean squared error. */
    record Result(float[][] z0, double[] meanSquaredError) {}

    private Inversion() {}

    static Result run(LatentPipeline pipeline, NDManager base, float[][] images, Shape imageShape,
                      SolverSettings.Inversion settings, Random random) {
        int n = images.length;
        int k = pipeline.latentSize();
        boolean encoder = pipeline.generator().encoder().isPresent();
        int starts = encoder ? settings.starts() + 1 : Math.max(1, settings.starts());
        int rows = n * starts;
        float[][] z = new float[rows][];
        int pixels = (int) imageShape.size();
        float[] target = new float[rows * pixels];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(images[r / starts], 0, target, r * pixels, pixels);
        }
        try (NDManager scope = base.newSubManager()) {
            NDArray targets = scope.create(target, new Shape(rows).addAll(imageShape));
            float[][] encoded = encoder ? encode(pipeline, scope, images, imageShape) : null;
            for (int r = 0; r < rows; r++) {
                int start = r % starts;
                if (encoder && start == 0) {
                    z[r] = encoded[r / starts].clone();
                } else {
                    z[r] = new float[k];
                    for (int i = 0; i < k; i++) z[r][i] = (float) random.nextGaussian();
                }
            }
            Adam adam = new Adam(rows, k, settings.learningRate());
            for (int step = 0; step < settings.steps(); step++) {
                try (NDManager it = scope.newSubManager()) {
                    NDArray zs = it.create(flatten(z), new Shape(rows, k));
                    zs.setRequiresGradient(true);
                    float[] grad;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = pipeline.images(zs).sub(targets).square().sum();
                        gc.backward(loss);
                        grad = zs.getGradient().toFloatArray();
                    }
                    for (int r = 0; r < rows; r++) {
                        float[] g = new float[k];
                        System.arraycopy(grad, r * k, g, 0, k);
                        if (finite(g)) adam.step(r, z[r], g);
                    }
                }
            }
            float[] err;
            try (NDManager it = scope.newSubManager()) {
                NDArray zs = it.create(flatten(z), new Shape(rows, k));
                err = pipeline.images(zs).sub(targets).square().reshape(rows, -1).mean(new int[] {1}).toFloatArray();
            }
            float[][] best = new float[n][];
            double[] bestErr = new double[n];
            for (int i = 0; i < n; i++) {
                bestErr[i] = Double.POSITIVE_INFINITY;
                for (int s = 0; s < starts; s++) {
                    int r = i * starts + s;
                    if (err[r] < bestErr[i]) {
                        bestErr[i] = err[r];
                        best[i] = z[r];
                    }
                }
                if (best[i] == null) { // every start went non-finite: report it rather than hide it
                    best[i] = z[i * starts];
                    bestErr[i] = Double.NaN;
                }
            }
            return new Result(best, bestErr);
        }
    }

    private static float[][] encode(LatentPipeline pipeline, NDManager scope, float[][] images, Shape imageShape) {
        try (NDManager it = scope.newSubManager()) {
            NDArray x = it.create(flatten(images), new Shape(images.length).addAll(imageShape));
            NDArray mu = pipeline.generator().encoder().orElseThrow().encode(pipeline.toGeneratorSize(x));
            float[] flat = mu.toFloatArray();
            int k = pipeline.latentSize();
            float[][] out = new float[images.length][k];
            for (int i = 0; i < images.length; i++) System.arraycopy(flat, i * k, out[i], 0, k);
            return out;
        }
    }

    static float[] flatten(float[][] rows) {
        int size = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * size];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, flat, r * size, size);
        return flat;
    }

    static boolean finite(float[] values) {
        for (float v : values) if (!Float.isFinite(v)) return false;
        return true;
    }

}
