package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks, once per JVM and before the first model runs, that libtorch's float32 convolution kernels compute the
 * right forward output and input gradient on this machine. oneDNN picks its kernels by CPU and by the
 * {@code ONEDNN_MAX_CPU_ISA} cap, and libtorch 2.7.1's oneDNN was measured wrong on one AMD EPYC AVX-512 CPU and
 * right on others, so a fixed cap for everyone costs speed on every CPU and proves nothing on the next one.
 * Every model load ({@link ModelLoader}) and every network built for training ({@link Architectures#build})
 * calls {@link #ensureCorrect()}.
 */
public final class NativeKernelSelfCheck {
    /** System property: {@code true} skips the check (for users who have checked their kernels otherwise). */
    public static final String SKIP_PROPERTY = "cdeepex.skipNativeCheck";
    /** The environment variable that caps oneDNN's instruction set; read once, when libtorch loads. */
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The cap under which the faulty CPU computed correct convolutions. */
    public static final String SAFE_ISA = "SSE41";

    /**
     * Model shapes that oneDNN computes, covering each kernel family it picks for them (docs/experiments/
     * native-kernels.md: {@code jit}, {@code brgconv_strided}, {@code jit_1x1}): both 5x5 layers (the AVX fault was
     * the 5x5 forward pass), at batch 1 and above; the strided 4x4, 3x3 into one channel and into 64, and the 1x1
     * above batch 1 (the AVX-512 fault was the input gradient of batches above one). Small batches and the
     * cheaper of similar shapes keep the float64 reference fast.
     */
    static final List<ConvCase> CASES = List.of(
            new ConvCase(ConvShape.named("mnist-paper conv1"), 1),
            new ConvCase(ConvShape.named("mnist-paper conv2"), 2),
            new ConvCase(ConvShape.named("vae64-encoder/critic 1"), 2),
            new ConvCase(ConvShape.named("vae64-decoder out"), 2),
            new ConvCase(ConvShape.named("vgg16 w0.125 4x4"), 2),
            new ConvCase(ConvShape.named("resnet101 w0.0625 1x1"), 4),
            new ConvCase(ConvShape.named("tiny-cnn conv2"), 4));

    /**
     * System property: the relative error above which a case is wrong (default {@value
     * NativeKernelReport#WRONG_ABOVE}); 0 makes every case wrong, which is how the refusal path is tested on a
     * machine whose kernels are right.
     */
    static final String WRONG_ABOVE_PROPERTY = "cdeepex.nativeCheck.wrongAbove";
    /** {@link #main}'s exit code for wrong kernels: distinct from the JVM's own 1 (e.g. a class not found). */
    static final int EXIT_WRONG = 3;

    private static final Logger LOG = LoggerFactory.getLogger(NativeKernelSelfCheck.class);
    private static final NativeKernelSelfCheck THIS_JVM = new NativeKernelSelfCheck(NativeKernelSelfCheck::measure);

    private final Supplier<NativeKernelReport> measurement;
    private NativeKernelReport report;
    private boolean skipLogged;

    NativeKernelSelfCheck(Supplier<NativeKernelReport> measurement) {
        this.measurement = measurement;
    }

    /**
     * Returns when this JVM's convolution kernels are correct (checked on the first call, then remembered).
     *
     * @throws NativeKernelException when they are not; the message names the configuration and the fix
     */
    public static void ensureCorrect() {
        THIS_JVM.ensure();
    }

    /**
     * Runs the check and prints its line: {@code java -cp target/cdeepex.jar io.cdeepex.model.NativeKernelSelfCheck}.
     * Exit code 0 when the kernels are correct, {@value #EXIT_WRONG} when they are wrong (the test JVM launcher
     * src/build/test-jvm/bin/java then caps oneDNN), anything else when the check could not run.
     */
    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        NativeKernelReport report = measure();
        System.out.println(report.summary());
        System.exit(report.correct() ? 0 : EXIT_WRONG);
    }

    synchronized void ensure() {
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            if (!skipLogged) LOG.warn("native self-check skipped ({}=true): convolution kernels are not checked",
                    SKIP_PROPERTY);
            skipLogged = true;
            return;
        }
        if (report == null) {
            report = measurement.get();
            if (report.correct()) LOG.info(report.summary());
            else LOG.error(report.summary());
        }
        if (!report.correct()) throw new NativeKernelException(report.refusal());
    }

    private static double wrongAbove() {
        String value = System.getProperty(WRONG_ABOVE_PROPERTY);
        if (value == null) return NativeKernelReport.WRONG_ABOVE;
        try {
            double limit = Double.parseDouble(value.trim());
            if (limit >= 0) return limit;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + WRONG_ABOVE_PROPERTY + " is '" + value
                + "'; expected a relative error >= 0 (default " + NativeKernelReport.WRONG_ABOVE + ")");
    }

    /** Runs every case once on the CPU and compares it with the float64 reference. */
    static NativeKernelReport measure() {
        NativeConfiguration configuration = NativeConfiguration.current();  // loads libtorch: not the check's time
        long start = System.nanoTime();
        List<NativeKernelReport.CaseError> errors = new ArrayList<>();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            for (ConvCase c : CASES) {
                ConvCase.Inputs in = c.inputs();
                float[][] result;
                try (NativeConvolution conv = new NativeConvolution(manager, c, in, DataType.FLOAT32)) {
                    result = conv.run();
                }
                ConvolutionError forward = ConvolutionError.of(result[0],
                        DirectConvolution.forward(c.shape(), c.batch(), in.x(), in.w()));
                ConvolutionError gradient = ConvolutionError.of(result[1],
                        DirectConvolution.inputGradient(c.shape(), c.batch(), in.g(), in.w()));
                errors.add(new NativeKernelReport.CaseError(c.describe(), forward.rel(), gradient.rel()));
            }
        }
        return new NativeKernelReport(configuration, errors, (System.nanoTime() - start) / 1_000_000, wrongAbove());
    }
}
