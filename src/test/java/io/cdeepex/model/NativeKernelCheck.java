package io.cdeepex.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures libtorch's conv2d kernels as DJL's PyTorch engine runs them: for every convolution shape our models
 * use ({@link ConvShape#MODEL_SHAPES}), the forward pass and the input gradient (batch 1 and 32) against the
 * float64 reference of the native self-check ({@link DirectConvolution}), with the self-check's own code
 * ({@link NativeConvolution}); {@code --cases self-check} measures the self-check's cases and times the check
 * itself (docs/experiments/native-kernels.md).
 *
 * <p>Run with {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.cdeepex.model.NativeKernelCheck
 * [--dtype float32|float64] [--reps N] [--cases models|self-check]}; the ISA cap is whatever
 * {@code ONEDNN_MAX_CPU_ISA} says at start.
 */
public final class NativeKernelCheck {
    private NativeKernelCheck() {}

    public static void main(String[] args) {
        DataType dtype = DataType.FLOAT32;
        int reps = 5;
        boolean selfCheck = false;
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
                case "--cases" -> selfCheck = switch (value) {
                    case "models" -> false;
                    case "self-check" -> true;
                    default -> usage("--cases: expected models or self-check, got '" + value + "'");
                };
                default -> usage("unknown option " + args[i]);
            }
        }
        long start = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        NativeConfiguration config = NativeConfiguration.current();
        System.out.printf("# libtorch %s, %s, %s, %s, reps %d%n", config.libtorch(), config.cpu(),
                config.describeCap(), dtype.asNumpy(), reps);
        if (selfCheck) timeSelfCheck(reps);
        List<ConvCase> cases = new ArrayList<>();
        if (selfCheck) {
            cases.addAll(NativeKernelSelfCheck.CASES);
        } else {
            for (ConvShape shape : ConvShape.MODEL_SHAPES) {
                for (int batch : new int[] {1, 32}) cases.add(new ConvCase(shape, batch));
            }
        }
        System.out.println("| convolution | shape | N | fwd max abs | fwd max rel | grad max abs | grad max rel "
                + "| median ms fwd+bwd | verdict |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double totalMs = 0;
        int wrong = 0;
        try (NDManager manager = engine.newBaseManager()) {
            for (ConvCase c : cases) {
                Row row = measure(manager, c, dtype, reps);
                totalMs += row.ms;
                boolean bad = new NativeKernelReport.CaseError(c.describe(), row.forward.rel(), row.gradient.rel())
                        .wrong(NativeKernelReport.WRONG_ABOVE);
                if (bad) wrong++;
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2e | %.2e | %.2e | %.2e | %.2f | %s |%n",
                        c.shape().where(), c.shape().describe(), c.batch(), row.forward.abs(), row.forward.rel(),
                        row.gradient.abs(), row.gradient.rel(), row.ms, bad ? "WRONG" : "ok");
            }
        }
        System.out.printf(Locale.ROOT, "# %d of %d wrong; sum of ms per fwd+bwd %.1f; whole run %.1f s%n", wrong,
                cases.size(), totalMs, (System.nanoTime() - start) / 1e9);
    }

    /** The self-check as engine start runs it (first, cold), then {@code reps} more times (warm), in ms. */
    private static void timeSelfCheck(int reps) {
        long t0 = System.nanoTime();
        NativeKernelReport first = NativeKernelSelfCheck.measure();
        double firstMs = (System.nanoTime() - t0) / 1e6;
        double[] times = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            NativeKernelSelfCheck.measure();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "# self-check: %s; first run %.0f ms, warm median %.0f ms%n",
                first.correct() ? "correct" : "WRONG", firstMs, reps == 0 ? Double.NaN : times[reps / 2]);
        System.out.println("# " + first.summary());
    }

    private static <T> T usage(String problem) {
        System.err.println("NativeKernelCheck: " + problem
                + " (options: --dtype float32|float64, --reps N, --cases models|self-check)");
        System.exit(2);
        return null;
    }

    private record Row(ConvolutionError forward, ConvolutionError gradient, double ms) {}

    private static Row measure(NDManager manager, ConvCase c, DataType dtype, int reps) {
        ConvCase.Inputs in = c.inputs();
        double[] refForward = DirectConvolution.forward(c.shape(), c.batch(), in.x(), in.w());
        double[] refGradient = DirectConvolution.inputGradient(c.shape(), c.batch(), in.g(), in.w());
        try (NativeConvolution conv = new NativeConvolution(manager, c, in, dtype)) {
            float[][] result = conv.run();
            for (int i = 0; i < 2; i++) conv.run();
            // The median, not the mean: the machine is shared, and a neighbour's burst hits single repetitions.
            double[] times = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                conv.run();
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(times);
            double ms = reps == 0 ? Double.NaN : times[reps / 2];
            return new Row(ConvolutionError.of(result[0], refForward), ConvolutionError.of(result[1], refGradient),
                    ms);
        }
    }
}
