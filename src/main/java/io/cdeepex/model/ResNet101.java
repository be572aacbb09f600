package io.cdeepex.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * ResNet101 (He et al. 2016) for 1x32x32 inputs, as the paper's second Fashion-MNIST classifier: a 3x3 stem
 * (stride 1 and no max-pool, the usual CIFAR-size adaptation: the 7x7/2 stem and pool of the 224x224 original
 * would shrink 32x32 to 8x8 before the first stage), four stages of [3, 4, 23, 3] {@link ResNetBottleneck}s
 * with base widths 64, 128, 256, 512 (outputs four times that) and strides 1, 2, 2, 2 (32x32 down to 4x4),
 * global average pooling and one fully connected layer. Weight layers: 1 + 33 x 3 + 1 = 101 (shortcut
 * projections not counted, as usual). All widths scale with the {@link WidthMultiplier}.
 */
final class ResNet101 {
    static final String ID = "resnet101";
    static final int STEM_CHANNELS = 64;
    static final int[] BLOCKS = {3, 4, 23, 3};
    static final int[] BASE_CHANNELS = {64, 128, 256, 512};
    static final int[] STRIDES = {1, 2, 2, 2};

    private ResNet101() {}

    static SequentialBlock build(int classes, WidthMultiplier width) {
        int channels = width.channels(STEM_CHANNELS);
        SequentialBlock net = new SequentialBlock()
                .add(ConvLayers.conv(channels, 3, 1)).add(ConvLayers.batchNorm()).add(Activation::relu);
        for (int stage = 0; stage < BLOCKS.length; stage++) {
            int bottleneck = width.channels(BASE_CHANNELS[stage]);
            for (int b = 0; b < BLOCKS[stage]; b++) {
                net.add(ResNetBottleneck.of(channels, bottleneck, b == 0 ? STRIDES[stage] : 1));
                channels = bottleneck * ResNetBottleneck.EXPANSION;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
