package io.cdeepex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * A loaded network in evaluation behaviour whose forward pass is differentiable with respect to its input
 * (parameters frozen). Implementations keep a strong reference to their DJL {@code Model}: an unreachable
 * model is closed by its finaliser, freeing the block mid-run.
 */
interface Network extends AutoCloseable {
    /** Forward pass; the output is the first output of the network. */
    NDArray forward(NDArray input);

    /** The DJL block, for diagnostics that look at its parameters. */
    Block block();

    @Override
    void close();
}
