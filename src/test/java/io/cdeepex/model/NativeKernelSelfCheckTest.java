package io.cdeepex.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The native self-check run for real on DJL's PyTorch engine in this test JVM. */
class NativeKernelSelfCheckTest {

    @Test
    void theCheckPassesHereAndReportsTheConfiguration() {
        NativeKernelReport report = NativeKernelSelfCheck.measure();
        System.out.println(report.summary());
        NativeConfiguration config = report.configuration();
        assertThat(config.libtorch()).isEqualTo(Engine.getEngine("PyTorch").getVersion());
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA") != null ? System.getenv("ONEDNN_MAX_CPU_ISA")
                : System.getenv("DNNL_MAX_CPU_ISA");
        assertThat(config.isaCap()).isEqualTo(isa);
        assertThat(config.cpu()).isNotBlank();
        assertThat(report.cases()).hasSameSizeAs(NativeKernelSelfCheck.CASES);
        // float32 cannot equal the float64 reference exactly: an error of 0 would mean nothing was compared
        assertThat(report.cases()).allSatisfy(c -> {
            assertThat(c.forward()).as(c.name() + " forward").isGreaterThan(0).isLessThan(1e-5);
            assertThat(c.gradient()).as(c.name() + " input gradient").isGreaterThan(0).isLessThan(1e-5);
        });
        assertThat(report.correct()).isTrue();
        assertThatCode(NativeKernelSelfCheck::ensureCorrect).doesNotThrowAnyException();
    }

    @Test
    void theReferenceAgreesWithLibtorchInFloat64() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ConvCase c : NativeKernelSelfCheck.CASES) {
                ConvCase.Inputs in = c.inputs();
                float[][] result;
                try (NativeConvolution conv = new NativeConvolution(manager, c, in, DataType.FLOAT64)) {
                    result = conv.run();
                }
                // float64 results rounded to float32: only that rounding (6e-8) separates them
                assertThat(ConvolutionError.of(result[0], DirectConvolution.forward(c.shape(), c.batch(), in.x(),
                        in.w())).rel()).as(c.describe() + " forward").isLessThan(1e-7);
                assertThat(ConvolutionError.of(result[1], DirectConvolution.inputGradient(c.shape(), c.batch(),
                        in.g(), in.w())).rel()).as(c.describe() + " input gradient").isLessThan(1e-7);
            }
        }
    }

    @Test
    void oneWrongOrNanValueInARealResultIsCaught() {
        ConvCase c = NativeKernelSelfCheck.CASES.get(1);
        ConvCase.Inputs in = c.inputs();
        double[] reference = DirectConvolution.inputGradient(c.shape(), c.batch(), in.g(), in.w());
        float[] gradient;
        try (NDManager manager = NDManager.newBaseManager();
             NativeConvolution conv = new NativeConvolution(manager, c, in, DataType.FLOAT32)) {
            gradient = conv.run()[1];
        }
        double scale = 0;
        for (double v : reference) scale = Math.max(scale, Math.abs(v));
        int last = gradient.length - 1;  // the last row of the batch, where the AVX-512 fault was
        gradient[last] += (float) (0.01 * scale);
        ConvolutionError off = ConvolutionError.of(gradient, reference);
        assertThat(off.rel()).isBetween(0.0099, 0.0101);
        assertThat(new NativeKernelReport.CaseError(c.describe(), 1e-7, off.rel())
                        .wrong(NativeKernelReport.WRONG_ABOVE))
                .isTrue();
        gradient[last] = Float.NaN;
        assertThat(ConvolutionError.of(gradient, reference).rel()).isInfinite();
    }
}
