package io.cdeepex.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures libtorch's conv2d kernels as DJL's PyTorch engine runs them: for every convolution shape our models
 * use, the forward pass and the input gradient (batch 1 and 32) against an exact float64 reference computed by
 * direct summation in Java, which shares no code with libtorch. It prepares a native self-check at engine start
 * (docs/experiments/native-kernels.md): oneDNN's kernels differ per CPU instruction set, so the same libtorch is
 * right on one ISA cap and wrong on another.
 *
 * <p>Run with {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.cdeepex.model.NativeKernelCheck
 * [--dtype float32|float64] [--reps N]}; the ISA cap is whatever {@code ONEDNN_MAX_CPU_ISA} says at start.
 */
public final class NativeKernelCheck {
    /**
     * Error relative to the reference's largest magnitude above which a result is wrong. Float32 rounding over
     * the at most 576-term sums here stays near 1e-6; the kernel faults seen are of order one.
     */
    static final double WRONG_ABOVE = 1e-4;

    /** One convolution as a model runs it: input channels and size, filters, square kernel, stride, padding. */
    record ConvShape(String where, int inChannels, int size, int filters, int kernel, int stride, int padding) {
        int outSize() {
            return (size + 2 * padding - kernel) / stride + 1;
        }

        String describe() {
            return String.format(Locale.ROOT, "%dx%dx%d->%d k%d s%d p%d", inChannels, size, size, filters, kernel,
                    stride, padding);
        }
    }

    /** Max absolute error, and that error over the reference's largest magnitude. */
    record Error(double abs, double rel) {
        static Error of(float[] actual, double[] reference) {
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < reference.length; i++) {
                worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
                scale = Math.max(scale, Math.abs(reference[i]));
            }
            return new Error(worst, scale == 0 ? worst : worst / scale);
        }
    }

    static final List<ConvShape> SHAPES = List.of(
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

    static final int[] BATCHES = {1, 32};

    private NativeKernelCheck() {}

    public static void main(String[] args) throws Exception {
        DataType dtype = DataType.FLOAT32;
        int reps = 5;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--dtype" -> dtype = switch (value) {
                    case "float32" -> DataType.FLOAT32;
                    case "float64" -> DataType.FLOAT64;
                    default -> usage("--dtype: expected float32 or float64, got '" + value + "'");
                };
                case "--reps" -> {
                    if (!value.matches("\\d{1,4}")) usage("--reps: expected a count 0..9999, got '" + value + "'");
                    reps = Integer.parseInt(value);
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        long start = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        System.out.printf("# libtorch %s, %s, ONEDNN_MAX_CPU_ISA=%s DNNL_MAX_CPU_ISA=%s, %s, reps %d%n",
                engine.getVersion(), cpuModel(), System.getenv("ONEDNN_MAX_CPU_ISA"),
                System.getenv("DNNL_MAX_CPU_ISA"), dtype.asNumpy(), reps);
        System.out.println("| convolution | shape | N | fwd max abs | fwd max rel | grad max abs | grad max rel "
                + "| median ms fwd+bwd | verdict |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double totalMs = 0;
        int wrong = 0;
        try (NDManager manager = engine.newBaseManager()) {
            for (ConvShape shape : SHAPES) {
                for (int batch : BATCHES) {
                    Row row = measure(manager, shape, batch, dtype, reps);
                    totalMs += row.ms;
                    boolean bad = row.forward.rel > WRONG_ABOVE || row.gradient.rel > WRONG_ABOVE;
                    if (bad) wrong++;
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2e | %.2e | %.2e | %.2e | %.2f | %s |%n",
                            shape.where, shape.describe(), batch, row.forward.abs, row.forward.rel,
                            row.gradient.abs, row.gradient.rel, row.ms, bad ? "WRONG" : "ok");
                }
            }
        }
        System.out.printf(Locale.ROOT, "# %d of %d wrong; sum of ms per fwd+bwd %.1f; whole run %.1f s%n", wrong,
                SHAPES.size() * BATCHES.length, totalMs, (System.nanoTime() - start) / 1e9);
    }

    private static DataType usage(String problem) {
        System.err.println("NativeKernelCheck: " + problem + " (options: --dtype float32|float64, --reps N)");
        System.exit(2);
        return null;
    }

    private record Row(Error forward, Error gradient, double ms) {}

    private static Row measure(NDManager parent, ConvShape s, int batch, DataType dtype, int reps) {
        Random random = new Random(31L * s.hashCode() + batch);
        double[] x = gaussian(random, batch * s.inChannels * s.size * s.size);
        double[] w = gaussian(random, s.filters * s.inChannels * s.kernel * s.kernel);
        int out = s.outSize();
        double[] g = gaussian(random, batch * s.filters * out * out);
        double[] refForward = DirectConvolution.forward(s, batch, x, w);
        double[] refGradient = DirectConvolution.inputGradient(s, batch, g, w);
        try (NDManager manager = parent.newSubManager()) {
            NDArray xs = manager.create(x, new Shape(batch, s.inChannels, s.size, s.size)).toType(dtype, false);
            NDArray ws = manager.create(w, new Shape(s.filters, s.inChannels, s.kernel, s.kernel))
                    .toType(dtype, false);
            NDArray gs = manager.create(g, new Shape(batch, s.filters, out, out)).toType(dtype, false);
            float[][] result = run(manager, s, xs, ws, gs);
            for (int i = 0; i < 2; i++) run(manager, s, xs, ws, gs);
            // The median, not the mean: the machine is shared, and a neighbour's burst hits single repetitions.
            double[] times = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                run(manager, s, xs, ws, gs);
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(times);
            double ms = reps == 0 ? Double.NaN : times[reps / 2];
            return new Row(Error.of(result[0], refForward), Error.of(result[1], refGradient), ms);
        }
    }

    /** One forward and backward pass: the output and the gradient of sum(output * g) with respect to the input. */
    private static float[][] run(NDManager parent, ConvShape s, NDArray x, NDArray w, NDArray g) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(manager);
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = Conv2d.conv2d(input, w, null, new Shape(s.stride, s.stride),
                        new Shape(s.padding, s.padding), new Shape(1, 1), 1).head();
                collector.backward(y.mul(g).sum());
                return new float[][] {
                    y.toType(DataType.FLOAT32, false).toFloatArray(),
                    input.getGradient().toType(DataType.FLOAT32, false).toFloatArray()};
            }
        }
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (Exception e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    /** Convolution by direct summation in float64: the reference, independent of any native library. */
    static final class DirectConvolution {
        private DirectConvolution() {}

        static double[] forward(ConvShape s, int batch, double[] x, double[] w) {
            int out = s.outSize();
            double[] y = new double[batch * s.filters * out * out];
            for (int n = 0; n < batch; n++) {
                for (int f = 0; f < s.filters; f++) {
                    for (int oy = 0; oy < out; oy++) {
                        for (int ox = 0; ox < out; ox++) {
                            double sum = 0;
                            for (int c = 0; c < s.inChannels; c++) {
                                for (int ky = 0; ky < s.kernel; ky++) {
                                    int iy = oy * s.stride - s.padding + ky;
                                    if (iy < 0 || iy >= s.size) continue;
                                    for (int kx = 0; kx < s.kernel; kx++) {
                                        int ix = ox * s.stride - s.padding + kx;
                                        if (ix < 0 || ix >= s.size) continue;
                                        sum += x[((n * s.inChannels + c) * s.size + iy) * s.size + ix]
                                                * w[((f * s.inChannels + c) * s.kernel + ky) * s.kernel + kx];
                                    }
                                }
                            }
                            y[((n * s.filters + f) * out + oy) * out + ox] = sum;
                        }
                    }
                }
            }
            return y;
        }

        /** The gradient of sum(conv(x, w) * g) with respect to x: every output scatters g * w back. */
        static double[] inputGradient(ConvShape s, int batch, double[] g, double[] w) {
            int out = s.outSize();
            double[] dx = new double[batch * s.inChannels * s.size * s.size];
            for (int n = 0; n < batch; n++) {
                for (int f = 0; f < s.filters; f++) {
                    for (int oy = 0; oy < out; oy++) {
                        for (int ox = 0; ox < out; ox++) {
                            double go = g[((n * s.filters + f) * out + oy) * out + ox];
                            for (int c = 0; c < s.inChannels; c++) {
                                for (int ky = 0; ky < s.kernel; ky++) {
                                    int iy = oy * s.stride - s.padding + ky;
                                    if (iy < 0 || iy >= s.size) continue;
                                    for (int kx = 0; kx < s.kernel; kx++) {
                                        int ix = ox * s.stride - s.padding + kx;
                                        if (ix < 0 || ix >= s.size) continue;
                                        dx[((n * s.inChannels + c) * s.size + iy) * s.size + ix] += go
                                                * w[((f * s.inChannels + c) * s.kernel + ky) * s.kernel + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return dx;
        }
    }
}
