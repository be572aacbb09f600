package io.cdeepex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The VAE's negative evidence lower bound per image, averaged over the batch: binary cross-entropy summed over
 * pixels plus {@code beta} times the KL divergence of N(mean, exp(logVar)) from N(0, I). Labels: the images;
 * predictions: (reconstruction in 0..1, mean, log-variance) as {@link VaeBlock} returns them.
 */
final class VaeLoss extends Loss {
    /** Keeps log() finite where the sigmoid output saturates. */
    private static final float EPS = 1e-6f;
    private final float beta;

    VaeLoss(float beta) {
        super("vae");
        this.beta = beta;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray[] parts = parts(labels.head(), predictions);
        return parts[0].add(parts[1].mul(beta)).mean();
    }

    /** Per-image reconstruction term (N) and KL term (N). */
    static NDArray[] parts(NDArray images, NDList predictions) {
        NDArray p = predictions.get(0).clip(EPS, 1 - EPS);
        NDArray mean = predictions.get(1);
        NDArray logVar = predictions.get(2);
        NDArray bce = images.mul(p.log()).add(images.neg().add(1).mul(p.neg().add(1).log())).neg()
                .reshape(images.getShape().get(0), -1).sum(new int[] {1});
        NDArray kl = logVar.add(1).sub(mean.square()).sub(logVar.exp()).sum(new int[] {1}).mul(-0.5);
        return new NDArray[] {bce, kl};
    }
}
