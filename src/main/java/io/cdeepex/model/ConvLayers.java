package io.cdeepex.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The convolution + batch-normalisation pieces {@link Vgg16} and {@link ResNet101} are made of. */
final class ConvLayers {
    private ConvLayers() {}

    /**
     * A square convolution with "same" padding ({@code kernel / 2}) and no bias: the batch normalisation that
     * always follows it has its own shift, so a bias would only be a redundant parameter.
     */
    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(false).build();
    }

    static BatchNorm batchNorm() {
        return BatchNorm.builder().build();
    }
}
