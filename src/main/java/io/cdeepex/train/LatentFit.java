package io.cdeepex.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cdeepex.model.Generator;

/**
 * How well a generator without an encoder can draw given images: for each image the latent code minimising the
 * squared error, found by Adam on {@code z} from a standard-normal start (several starts, best kept per image).
 * Used for the reconstruction metric of WGAN generators; the explainer has its own inversion.
 */
final class LatentFit {
    private LatentFit() {}

    /** Mean per-pixel squared error of the best fit per image, over images (N, C, H, W). */
    static double meanSquaredError(Generator generator, NDArray images, int steps, int starts, float learningRate) {
        NDManager base = images.getManager();
        long n = images.getShape().get(0);
        int k = generator.latentSize();
        float[] best = new float[(int) n];
        java.util.Arrays.fill(best, Float.POSITIVE_INFINITY);
        for (int s = 0; s < starts; s++) {
            try (NDManager run = base.newSubManager()) {
                NDArray z = run.randomNormal(new Shape(n, k));
                NDArray m = run.zeros(z.getShape());
                NDArray v = run.zeros(z.getShape());
                for (int t = 1; t <= steps; t++) {
                    try (NDManager it = run.newSubManager()) {
                        // This iteration's state and every result computed from it die with `it`;
                        // only the next state is moved back to `run` (native memory stays flat).
                        new NDList(z, m, v).attach(it);
                        z.setRequiresGradient(true);
                        NDArray perImage;
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            perImage = generator.generate(z).sub(images).square().reshape(n, -1).mean(new int[] {1});
                            collector.backward(perImage.sum());
                        }
                        NDArray g = z.getGradient();
                        g.attach(it);
                        NDArray mNew = m.mul(0.9).add(g.mul(0.1));
                        NDArray vNew = v.mul(0.999).add(g.square().mul(0.001));
                        NDArray step = mNew.div(1 - Math.pow(0.9, t))
                                .div(vNew.div(1 - Math.pow(0.999, t)).sqrt().add(1e-8)).mul(learningRate);
                        NDArray zNew = z.stopGradient().sub(step);
                        mNew.attach(run);
                        vNew.attach(run);
                        zNew.attach(run);
                        z = zNew;
                        m = mNew;
                        v = vNew;
                    }
                }
                float[] err;
                try (NDManager it = run.newSubManager()) {
                    NDArray e = generator.generate(z).sub(images).square().reshape(n, -1).mean(new int[] {1});
                    e.attach(it);
                    err = e.toFloatArray();
                }
                for (int i = 0; i < n; i++) best[i] = Math.min(best[i], err[i]);
            }
        }
        double sum = 0;
        for (float b : best) sum += b;
        return sum / n;
    }
}
