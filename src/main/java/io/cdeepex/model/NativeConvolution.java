package io.cdeepex.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * One convolution case on DJL's PyTorch engine, as the models run it: {@code Conv2d.conv2d} inside a gradient
 * collector, forward output and input gradient copied back to Java.
 */
final class NativeConvolution implements AutoCloseable {
    private final NDManager manager;
    private final ConvShape shape;
    private final NDArray x;
    private final NDArray w;
    private final NDArray g;

    /** The inputs in {@code dtype} (float32 for the kernels the models use, float64 to compare). */
    NativeConvolution(NDManager parent, ConvCase c, ConvCase.Inputs in, DataType dtype) {
        manager = parent.newSubManager();
        shape = c.shape();
        ConvShape s = shape;
        x = manager.create(in.x(), new Shape(c.batch(), s.inChannels(), s.size(), s.size())).toType(dtype, false);
        w = manager.create(in.w(), new Shape(s.filters(), s.inChannels(), s.kernel(), s.kernel()))
                .toType(dtype, false);
        g = manager.create(in.g(), new Shape(c.batch(), s.filters(), s.outSize(), s.outSize())).toType(dtype, false);
    }

    /** One forward and backward pass: {y, dL/dx} for L = sum(y * g), as float32. */
    float[][] run() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(scope);
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = Conv2d.conv2d(input, w, null, new Shape(shape.stride(), shape.stride()),
                        new Shape(shape.padding(), shape.padding()), new Shape(1, 1), 1).head();
                collector.backward(y.mul(g).sum());
                return new float[][] {
                    y.toType(DataType.FLOAT32, false).toFloatArray(),
                    input.getGradient().toType(DataType.FLOAT32, false).toFloatArray()};
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
