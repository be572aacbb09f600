package io.cdeepex.model;

import java.util.List;
import java.util.Locale;

/**
 * One square convolution as a model runs it: input channels and size, filters, kernel, stride, padding. The shapes
 * of the models we ship and test ({@link #MODEL_SHAPES}) are what the native self-check and the kernel benchmark
 * compute.
 */
record ConvShape(String where, int inChannels, int size, int filters, int kernel, int stride, int padding) {
    /** Every convolution of the shipped and the test models (docs/experiments/native-kernels.md). */
    static final List<ConvShape> MODEL_SHAPES = List.of(
            new ConvShape("mnist-paper conv1", 1, 64, 10, 5, 1, 0),
            new ConvShape("mnist-paper conv2", 10, 30, 20, 5, 1, 0),
            new ConvShape("vae64-encoder/critic 1", 1, 64, 16, 4, 2, 1),
            new ConvShape("vae64-encoder/critic 2", 16, 32, 32, 4, 2, 1),
            new ConvShape("vae64-encoder/critic 3", 32, 16, 64, 4, 2, 1),
            new ConvShape("vae64-decoder 1", 64, 16, 32, 3, 1, 1),
            new ConvShape("vae64-decoder 2", 32, 32, 16, 3, 1, 1),
            new ConvShape("vae64-decoder 3", 16, 64, 8, 3, 1, 1),
            new ConvShape("vae64-decoder out", 8, 64, 1, 3, 1, 1),
            new ConvShape("vgg16 w0.125 first", 1, 32, 8, 3, 1, 1),
            new ConvShape("vgg16 w0.125 32x32", 8, 32, 8, 3, 1, 1),
            new ConvShape("vgg16 w0.125 4x4", 64, 4, 64, 3, 1, 1),
            new ConvShape("resnet101 w0.0625 1x1", 16, 8, 4, 1, 1, 0),
            new ConvShape("resnet101 w0.0625 3x3 s2", 8, 16, 8, 3, 2, 1),
            new ConvShape("tiny-cnn conv1", 1, 28, 4, 3, 1, 0),
            new ConvShape("tiny-cnn conv2", 4, 13, 8, 3, 1, 0),
            new ConvShape("tiny-gen conv1", 32, 14, 16, 3, 1, 1));

    /** The model shape named {@code where}. */
    static ConvShape named(String where) {
        return MODEL_SHAPES.stream().filter(s -> s.where.equals(where)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model convolution named '" + where + "'"));
    }

    int outSize() {
        return (size + 2 * padding - kernel) / stride + 1;
    }

    String describe() {
        return String.format(Locale.ROOT, "%dx%dx%d->%d k%d s%d p%d", inChannels, size, size, filters, kernel,
                stride, padding);
    }
}
