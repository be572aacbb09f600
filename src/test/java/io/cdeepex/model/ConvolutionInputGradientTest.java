package io.cdeepex.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every convolution of every architecture we ship must give the right gradient with respect to its input
 * (training and explanations both depend on it): checked against a plain-Java reference at the layer's real
 * input shape. libtorch 2.7.1's oneDNN gets these wrong on some CPUs unless capped with
 * {@code ONEDNN_MAX_CPU_ISA=SSE41} (docs/experiments/native-kernels.md), so this test also guards that the test JVM
 * runs on correct kernels, capped where the native self-check found them wrong.
 */
class ConvolutionInputGradientTest {

    @ParameterizedTest
    @ValueSource(strings = {"mnist-paper", "vae64-encoder", "vae64-decoder", "wgan64-generator", "wgan64-critic"})
    void everyConvolutionHasTheReferenceInputGradient(String architecture) {
        ModelCard card = new ModelCard();
        card.classNames = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        card.latentSize = 8;
        boolean takesLatent = architecture.endsWith("decoder") || architecture.endsWith("generator");
        Shape input = takesLatent ? new Shape(2, 8) : new Shape(2, 1, 64, 64);
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = (SequentialBlock) Architectures.build(architecture, card);
            block.initialize(manager, DataType.FLOAT32, input);
            int checked = 0;
            Shape[] shapes = {input};
            for (Pair<String, Block> child : block.getChildren()) {
                if (child.getValue() instanceof Conv2d conv) {
                    double error = relativeInputGradientError(manager, conv, shapes[0]);
                    assertThat(error).as("%s layer %s (input %s): relative error of the input gradient",
                            architecture, child.getKey(), shapes[0]).isLessThan(1e-4);
                    checked++;
                }
                shapes = child.getValue().getOutputShapes(shapes);
            }
            assertThat(checked).as("convolutions checked in " + architecture).isGreaterThanOrEqualTo(2);
        }
    }

    /** max |dL/dx - reference| / max |reference| for L = sum(conv(x) * r) with random x and r. */
    static double relativeInputGradientError(NDManager manager, Conv2d conv, Shape inputShape) {
        Random rng = new Random(5);
        int n = (int) inputShape.get(0),
                c = (int) inputShape.get(1),
                h = (int) inputShape.get(2),
                w = (int) inputShape.get(3);
        Shape outShape = conv.getOutputShapes(new Shape[] {inputShape})[0];
        int o = (int) outShape.get(1), ho = (int) outShape.get(2), wo = (int) outShape.get(3);
        float[] x = gaussian(rng, n * c * h * w);
        float[] r = gaussian(rng, n * o * ho * wo);
        try (NDManager scope = manager.newSubManager()) {
            NDArray xa = scope.create(x, inputShape);
            xa.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = conv.forward(new ParameterStore(scope, false), new NDList(xa), false).head();
                collector.backward(y.mul(scope.create(r, outShape)).sum());
            }
            float[] grad = xa.getGradient().toFloatArray();
            float[] weight = conv.getParameters().get("weight").getArray().toFloatArray();
            int k = (int) conv.getKernelShape().get(0), l = (int) conv.getKernelShape().get(1);
            int s = conv.getStride().dimension() == 0 ? 1 : (int) conv.getStride().get(0);
            int p = conv.getPadding().dimension() == 0 ? 0 : (int) conv.getPadding().get(0);
            if (h != w || k != l) throw new IllegalArgumentException("square inputs and kernels only: " + conv);
            ConvShape shape = new ConvShape("", c, h, o, k, s, p);
            double[] ref = DirectConvolution.inputGradient(shape, n, toDouble(r), toDouble(weight));
            double maxErr = 0, maxRef = 0;
            for (int i = 0; i < ref.length; i++) {
                double e = Math.abs(grad[i] - ref[i]);
                maxErr = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(maxErr, e);
                maxRef = Math.max(maxRef, Math.abs(ref[i]));
            }
            return maxErr / maxRef;
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    private static float[] gaussian(Random rng, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

}
