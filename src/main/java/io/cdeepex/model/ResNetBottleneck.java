package io.cdeepex.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;

import java.util.List;

/**
 * One bottleneck residual block: {@code relu(F(x) + shortcut(x))} with F = 1x1 (width) + BN + ReLU, 3x3 (width,
 * carrying the stride, as in torchvision's "v1.5") + BN + ReLU, 1x1 (4 x width) + BN. The shortcut is the
 * identity, or a {@link Projection} where the stride or the channel count changes. Built as a
 * {@link ParallelBlock} of the two paths joined by addition, the way DJL's model-zoo ResNet joins them.
 */
final class ResNetBottleneck {
    static final int EXPANSION = 4;

    private ResNetBottleneck() {}

    /**
     * @param inChannels channels of the block's input
     * @param width      channels of the 1x1 and 3x3 convolutions; the output has {@code EXPANSION * width}
     */
    static ParallelBlock of(int inChannels, int width, int stride) {
        int out = width * EXPANSION;
        SequentialBlock residual = new SequentialBlock()
                .add(ConvLayers.conv(width, 1, 1)).add(ConvLayers.batchNorm()).add(Activation::relu)
                .add(ConvLayers.conv(width, 3, stride)).add(ConvLayers.batchNorm()).add(Activation::relu)
                .add(ConvLayers.conv(out, 1, 1)).add(ConvLayers.batchNorm());
        Block shortcut = stride != 1 || inChannels != out ? new Projection(out, stride) : Blocks.identityBlock();
        return new ParallelBlock(ResNetBottleneck::addAndRelu, List.of(residual, shortcut));
    }

    private static NDList addAndRelu(List<NDList> paths) {
        return new NDList(Activation.relu(paths.get(0).singletonOrThrow().add(paths.get(1).singletonOrThrow())));
    }

    /**
     * The shortcut where the shape changes: a strided 1x1 convolution + BN. Its own class so that counting a
     * network's weight layers can leave these out, as the "101" in ResNet101 does.
     */
    static final class Projection extends SequentialBlock {
        Projection(int channels, int stride) {
            add(ConvLayers.conv(channels, 1, stride)).add(ConvLayers.batchNorm());
        }
    }
}
