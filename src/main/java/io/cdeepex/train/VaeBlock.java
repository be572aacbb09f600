package io.cdeepex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Encoder and decoder joined for training: images (N, 1, H, W) to (reconstruction, mean, log-variance). In
 * training the latent code is sampled by the reparameterisation {@code z = mean + exp(logVar / 2) * eps}; in
 * evaluation {@code z = mean}. The two children are the registered {@code vae64-encoder} and
 * {@code vae64-decoder} blocks and are saved separately.
 */
final class VaeBlock extends AbstractBlock {
    private final Block encoder;
    private final Block decoder;
    private final int latentSize;

    VaeBlock(Block encoder, Block decoder, int latentSize) {
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
        this.latentSize = latentSize;
    }

    Block encoder() { return encoder; }
    Block decoder() { return decoder; }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList stats = encoder.forward(ps, inputs, training, params);
        NDArray mean = stats.get(0);
        NDArray logVar = stats.get(1);
        NDArray z = mean;
        if (training) {
            NDArray eps = mean.getManager().randomNormal(mean.getShape());
            z = mean.add(logVar.mul(0.5).exp().mul(eps));
        }
        NDArray reconstruction = decoder.forward(ps, new NDList(z), training, params).head();
        return new NDList(reconstruction, mean, logVar);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape latent = new Shape(n, latentSize);
        return new Shape[] {decoder.getOutputShapes(new Shape[] {latent})[0], latent, latent};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latentSize));
    }
}
