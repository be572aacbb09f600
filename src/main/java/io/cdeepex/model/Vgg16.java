package io.cdeepex.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;

/**
 * VGG16 (Simonyan and Zisserman, configuration D) with batch normalisation, as the paper's Fashion-MNIST
 * classifier: 13 convolutions 3x3 (pad 1) + BN + ReLU in five groups each closed by a 2x2 max-pool, then three
 * fully connected layers 512 -> 512 -> classes with ReLU and dropout 0.5 between them; 16 weight layers. At the
 * 1x32x32 input the five pools leave 1x1x512, so the first fully connected layer sees 512 features (not the
 * 25,088 of the 224x224 original). All widths scale with the {@link WidthMultiplier}.
 */
final class Vgg16 {
    static final String ID = "vgg16";
    /** Convolution channels of configuration D at width 1; {@link #POOL} marks a 2x2 max-pool. */
    static final int[] CONFIGURATION_D = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    static final int POOL = 0;
    static final int HIDDEN_UNITS = 512;
    static final float DROPOUT = 0.5f;

    private Vgg16() {}

    static SequentialBlock build(int classes, WidthMultiplier width) {
        SequentialBlock net = new SequentialBlock();
        for (int channels : CONFIGURATION_D) {
            if (channels == POOL) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
            } else {
                net.add(ConvLayers.conv(width.channels(channels), 3, 1))
                        .add(ConvLayers.batchNorm())
                        .add(Activation::relu);
            }
        }
        int hidden = width.channels(HIDDEN_UNITS);
        return net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation::relu)
                .add(Dropout.builder().optRate(DROPOUT).build())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation::relu)
                .add(Dropout.builder().optRate(DROPOUT).build())
                .add(Linear.builder().setUnits(classes).build());
    }
}
