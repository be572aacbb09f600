package io.cdeepex.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** Every architecture id we ship, in one place. */
final class ArchitectureCatalog {
    private ArchitectureCatalog() {}

    static void registerAll() {
        Architectures.register("mnist-paper", card -> mnistPaper(card.classNames == null ? 10 : card.classNames.size()));
    }

    /**
     * The paper's MNIST classifier (input 1x64x64): Conv 5x5 (10) / MaxPool 2 / ReLU, Conv 5x5 (20) /
     * MaxPool 2 / ReLU, FC 3380->50, ReLU, FC 50->classes.
     */
    static SequentialBlock mnistPaper(int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(10).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(50).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(classes).build());
    }
}
