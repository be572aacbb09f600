package io.cdeepex.audit;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Region;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Verdict wording and rules for plain bounds and regression gates. */
class VerdictTest {
    private static final Position AT = new Position(7, 9);

    private static Expectation plain(Metric metric, Double atLeast, Double atMost) {
        return new Expectation(metric, AT, "cases[0].expect[0]", null, null, null, 0, atLeast, atMost, null, null,
                metric.higherIsBetter());
    }

    private static Expectation gate(Metric metric, Double tolerance, Double minImprovement, boolean higherIsBetter) {
        return new Expectation(metric, AT, "cases[0].expect[0]",
                metric == Metric.RED_MASS_FRACTION ? new Region(0, 0, 8, 8) : null, null,
                metric == Metric.PLANTED_RATE ? PlantSpec.parse("square:class=8,x=0,y=0,size=6,value=0.5") : null,
                0, null, null, tolerance, minImprovement, higherIsBetter);
    }

    @Test
    void plainBoundsNameValueBoundAndPlace() {
        Verdict low = Verdict.of(plain(Metric.ACCURACY, 0.9, null), 0.5, " (10 images)");
        assertThat(low.passed()).isFalse();
        assertThat(low.text()).isEqualTo("accuracy = 0.500 (10 images), expected at least 0.900 [cases[0].expect[0], line 7, column 9]");

        Verdict both = Verdict.of(plain(Metric.SATISFACTION_RATE, 0.2, 0.4), 0.3, "");
        assertThat(both.passed()).isTrue();
        assertThat(both.text()).isEqualTo("satisfactionRate = 0.300 (expected in 0.200..0.400)");

        assertThat(Verdict.of(plain(Metric.ACCURACY, 0.1, null), Double.NaN, "").text()).contains("could not be measured");
    }

    @Test
    void aJudgeDecidesItsBoundAndAddsItsMessage() {
        Verdict judged = Verdict.of(plain(Metric.ACCURACY, 0.1, null), 0.5, "",
                (lower, bound) -> Optional.of(new AssertionChecks.Judged(false, "offenders:\nimage #1")));

        assertThat(judged.passed()).isFalse();
        assertThat(judged.text()).endsWith("\n      offenders:\n      image #1");
    }

    @Test
    void aToleranceGateSaysHowMuchWorse() {
        Verdict v = Verdict.gate(gate(Metric.PLANTED_RATE, 0.05, null, false), "clean", 0.03, "biased", 0.81);

        assertThat(v.passed()).isFalse();
        assertThat(v.text()).isEqualTo("Metric plantedRate of square:class=8,x=0,y=0,size=6,value=0.5 regression check failed: candidate model biased"
                + " plantedRate = 0.810, baseline model clean plantedRate = 0.030, tolerance = 0.050 (lower is better);"
                + " the candidate is worse by 0.780, more than the tolerance. [cases[0].expect[0], line 7, column 9]");
        assertThat(Verdict.gate(gate(Metric.ACCURACY, 0.05, null, true), "a", 0.95, "b", 0.90).passed()).isTrue();
        assertThat(Verdict.gate(gate(Metric.ACCURACY, 0.0, null, true), "a", 0.9, "b", Double.NaN).text())
                .contains("a value could not be measured");
    }

    @Test
    void aMinImprovementGateNeedsAStrictImprovement() {
        Expectation x = gate(Metric.THIRD_CLASS_WINS_RATE, null, 0.01, false);

        assertThat(Verdict.gate(x, "xgems", 0.1875, "cdeepex", 0.0).passed()).isTrue();
        assertThat(Verdict.gate(x, "xgems", 0.1875, "cdeepex", 0.0).text())
                .startsWith("Metric thirdClassWinsRate regression check passed:").contains("min improvement = 0.010");
        assertThat(Verdict.gate(x, "xgems", 0.0, "cdeepex", 0.0).text()).contains("the candidate is no better than the baseline");
        assertThat(Verdict.gate(x, "xgems", 0.1, "cdeepex", 0.2).text()).contains("the candidate is worse by 0.100");
        assertThat(Verdict.gate(x, "xgems", 0.1, "cdeepex", 0.095).text())
                .contains("the candidate improves by only 0.005, less than the min improvement");
    }

    @Test
    void betterOverridesTheDirection() {
        Verdict v = Verdict.gate(gate(Metric.RED_MASS_FRACTION, null, 0.01, true), "clean", 0.02, "biased", 0.20);

        assertThat(v.passed()).isTrue();
        assertThat(v.text()).contains("redMassFraction in [x=0, y=0, 8x8]", "(higher is better)");
    }
}
