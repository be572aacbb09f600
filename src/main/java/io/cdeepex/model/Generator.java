package io.cdeepex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Optional;

/**
 * A generator of the input space: latent codes (N, k) to images (N, C, H, W) with pixels in 0..1.
 * Evaluation behaviour, differentiable with respect to the latent code.
 */
public interface Generator extends AutoCloseable {
    NDArray generate(NDArray latent);

    int latentSize();

    /** Output shape (C, H, W). */
    Shape outputShape();

    /** The encoder trained with this generator (VAE), which gives a starting point for inversion. */
    Optional<Encoder> encoder();

    String name();

    ModelCard card();

    @Override
    void close();
}
