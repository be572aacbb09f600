package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link Conv2d} computed as patch extraction (slices) plus one matrix product, so that its gradient with
 * respect to the input comes from slicing and matmul backward instead of libtorch's convolution backward.
 *
 * <p>Why: with libtorch 2.7.1 (DJL 0.36.0, CPU) the native convolution's <em>input</em> gradient is wrong on
 * this machine for some layer shapes — every 5x5 "valid" convolution of the paper's MNIST classifier and a
 * 3x3 convolution to a single output channel, measured against a plain-Java reference (relative errors
 * 0.16–0.26, sometimes NaN), while the forward pass and the weight gradient are right. Classifier training
 * and every explanation need that input gradient. Parameters, shapes and the saved {@code .params} layout are
 * exactly those of {@link Conv2d}, so weights load interchangeably.
 */
public final class UnfoldConv2d extends Conv2d {

    private UnfoldConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    /** A 2-D convolution (stride and zero padding supported; no dilation, one group) computed by unfolding. */
    public static UnfoldConv2d of(Conv2d.Builder builder) {
        return new UnfoldConv2d(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = includeBias ? parameterStore.getValue(bias, device, training) : null;
        return new NDList(unfoldConvolution(input, w, b, stride, padding));
    }

    /**
     * {@code y = w * x + b} for x (N, C, H, W), w (O, C, K, L), b (O) or null, with the given stride and zero
     * padding (empty shapes mean 1 and 0).
     */
    static NDArray unfoldConvolution(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected input (N, C, H, W), got " + x.getShape());
        }
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        long o = w.getShape().get(0);
        int kh = (int) w.getShape().get(2);
        int kw = (int) w.getShape().get(3);
        int sh = stride == null || stride.dimension() == 0 ? 1 : (int) stride.get(0);
        int sw = stride == null || stride.dimension() == 0 ? 1 : (int) stride.get(1);
        int ph = padding == null || padding.dimension() == 0 ? 0 : (int) padding.get(0);
        int pw = padding == null || padding.dimension() == 0 ? 0 : (int) padding.get(1);
        NDArray padded = (ph == 0 && pw == 0) ? x : x.pad(new Shape(pw, pw, ph, ph), 0);
        long h = padded.getShape().get(2);
        long wd = padded.getShape().get(3);
        long ho = (h - kh) / sh + 1;
        long wo = (wd - kw) / sw + 1;
        NDList taps = new NDList(kh * kw);
        for (int a = 0; a < kh; a++) {
            for (int bb = 0; bb < kw; bb++) {
                taps.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}",
                        a, a + sh * (ho - 1) + 1, sh, bb, bb + sw * (wo - 1) + 1, sw)));
            }
        }
        // (N, C, K*L, Ho, Wo) -> (N, C*K*L, Ho*Wo); the row order c*K*L + a*L + b matches w's flattening.
        NDArray patches = NDArrays.stack(taps, 2).reshape(n, c * kh * kw, ho * wo);
        NDArray y = w.reshape(o, c * kh * kw).matMul(patches).reshape(n, o, ho, wo);
        return b == null ? y : y.add(b.reshape(1, o, 1, 1));
    }
}
