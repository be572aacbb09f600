package io.cdeepex.model;

import ai.djl.ndarray.NDArray;

/** Maps images (N, C, H, W) in 0..1, at the generator's output shape, to latent means (N, k). */
public interface Encoder {
    NDArray encode(NDArray images);
}
