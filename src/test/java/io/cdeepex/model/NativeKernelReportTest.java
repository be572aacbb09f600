package io.cdeepex.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The self-check's verdict and messages, from hand-built measured errors. */
class NativeKernelReportTest {
    private static final NativeConfiguration UNCAPPED = new NativeConfiguration("2.7.1", null, "AMD EPYC 9654");
    private static final NativeConfiguration CAPPED = new NativeConfiguration("2.7.1", "SSE41", "AMD EPYC 9654");

    private static NativeKernelReport report(NativeConfiguration config, NativeKernelReport.CaseError... cases) {
        return new NativeKernelReport(config, List.of(cases), 42, NativeKernelReport.WRONG_ABOVE);
    }

    @Test
    void roundingSizedErrorsPassAndTheLogLineSaysWhatIsUsed() {
        NativeKernelReport r = report(UNCAPPED, new NativeKernelReport.CaseError("conv a N=1", 3e-7, 1.2e-7),
                new NativeKernelReport.CaseError("conv b N=2", 2e-7, 2.5e-7));
        assertThat(r.correct()).isTrue();
        assertThat(r.worst()).isEqualTo(3e-7);
        assertThat(r.summary()).isEqualTo("native self-check: libtorch 2.7.1 oneDNN with ONEDNN_MAX_CPU_ISA unset"
                + " correct on AMD EPYC 9654 (max rel err 3.0e-07 over 2 float32 convolutions, forward and input"
                + " gradient, against float64; 42 ms), using it");
    }

    @Test
    void oneWrongInputGradientRefusesAndTheMessageNamesTheCaseAndTheFix() {
        NativeKernelReport r = report(UNCAPPED, new NativeKernelReport.CaseError("conv a N=1", 3e-7, 1e-7),
                new NativeKernelReport.CaseError("conv b N=2", 4e-7, 2e-3));
        assertThat(r.correct()).isFalse();
        assertThat(r.summary()).contains("WRONG on AMD EPYC 9654", "max rel err 2.0e-03");
        assertThat(r.refusal())
                .contains(
                        "wrong on AMD EPYC 9654 with ONEDNN_MAX_CPU_ISA unset",
                        "conv b N=2 (forward 4.0e-07, input gradient 2.0e-03)",
                        "ONEDNN_MAX_CPU_ISA=SSE41",
                        "-Ponednn-sse41",
                        "Surefire",
                        "README \"Device and native libraries\"",
                        "-Dcdeepex.skipNativeCheck=true")
                .doesNotContain("conv a");
    }

    @Test
    void aNanResultIsWrongNotIgnored() {
        NativeKernelReport r = report(UNCAPPED, new NativeKernelReport.CaseError("conv a N=2", Double.NaN, 1e-7));
        assertThat(r.correct()).isFalse();
        assertThat(r.worst()).isNaN();
        assertThat(r.refusal()).contains("conv a N=2 (forward NaN");
    }

    @Test
    void wrongUnderTheSafeCapHasNoCapToSuggest() {
        NativeKernelReport r = report(CAPPED, new NativeKernelReport.CaseError("conv a N=2", 0.2, 1e-7));
        assertThat(r.refusal()).contains("with ONEDNN_MAX_CPU_ISA=SSE41", "no correct configuration is known")
                .doesNotContain("Fix: set");
    }

    @Test
    void theCheckRefusesEveryCallAfterOneMeasurementAndTheSkipPropertyLetsItRun() {
        int[] measured = {0};
        NativeKernelSelfCheck check = new NativeKernelSelfCheck(() -> {
            measured[0]++;
            return report(UNCAPPED, new NativeKernelReport.CaseError("conv b N=2", 1e-7, 2e-3));
        });
        assertThatThrownBy(check::ensure).isInstanceOf(NativeKernelException.class)
                .hasMessageContaining("ONEDNN_MAX_CPU_ISA=SSE41");
        assertThatThrownBy(check::ensure).isInstanceOf(NativeKernelException.class);
        assertThat(measured[0]).as("measurements").isEqualTo(1);
        String before = System.getProperty(NativeKernelSelfCheck.SKIP_PROPERTY);
        System.setProperty(NativeKernelSelfCheck.SKIP_PROPERTY, "true");
        try {
            check.ensure();
        } finally {
            if (before == null) System.clearProperty(NativeKernelSelfCheck.SKIP_PROPERTY);
            else System.setProperty(NativeKernelSelfCheck.SKIP_PROPERTY, before);
        }
    }
}
