package io.cdeepex.assertions;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegressionGateTest {

    @Test
    void aCandidateWorseByMoreThanTheToleranceFailsWithBothValues() {
        assertThatThrownBy(() -> RegressionGate.noWorseThan("accuracy", 0.95, 0.12, 0.05, true))
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                    assertThat(e.getExpected().getValue()).isEqualTo(0.95);
                    assertThat(e.getActual().getValue()).isEqualTo(0.12);
                })
                .hasMessage("metric accuracy: candidate 0.12 is worse than baseline 0.95 by more than tolerance 0.05"
                        + " (higher is better; worse by 0.83)");
    }

    @Test
    void lowerIsBetterMetricsCompareTheOtherWay() {
        assertThat(RegressionGate.noWorseThan("thirdClassRate", 0.10, 0.12, 0.05, false).message())
                .isEqualTo("metric thirdClassRate: candidate 0.12 is within tolerance 0.05 of baseline 0.1"
                        + " (lower is better; worse by 0.02)");
        assertThatThrownBy(() -> RegressionGate.noWorseThan("thirdClassRate", 0.10, 0.2, 0.05, false))
                .hasMessage("metric thirdClassRate: candidate 0.2 is worse than baseline 0.1 by more than tolerance"
                        + " 0.05 (lower is better; worse by 0.1)");
        assertThat(RegressionGate.compare("thirdClassRate", 0.10, 0.02, 0.0, false).passed()).isTrue();
    }

    @Test
    void theToleranceBoundaryPassesDespiteBinaryRounding() {
        RegressionGate.Verdict v = RegressionGate.noWorseThan("recall8", 0.95, 0.90, 0.05, true);
        assertThat(v.passed()).isTrue();
        assertThat(RegressionGate.compare("recall8", 0.95, 0.8999, 0.05, true).passed()).isFalse();
        assertThat(RegressionGate.compare("recall8", 0.95, 0.97, 0.0, true).message())
                .isEqualTo("metric recall8: candidate 0.97 is no worse than baseline 0.95 (higher is better)");
    }

    @Test
    void notANumberFailsAndBadArgumentsAreRejected() {
        assertThatThrownBy(() -> RegressionGate.noWorseThan("accuracy", 0.95, Double.NaN, 0.05, true))
                .hasMessage("metric accuracy: candidate is not a number (NaN); baseline 0.95, tolerance 0.05"
                        + " (higher is better)");
        assertThatThrownBy(() -> RegressionGate.compare("accuracy", 0.95, 0.9, -0.1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tolerance must be a finite number >= 0");
        assertThatThrownBy(() -> RegressionGate.compare(" ", 0.95, 0.9, 0.1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metric name");
        assertThatThrownBy(() -> RegressionGate.compare("accuracy", Double.NaN, 0.9, 0.1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline must be a finite number");
    }
}
