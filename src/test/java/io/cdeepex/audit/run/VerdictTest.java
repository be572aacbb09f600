package io.cdeepex.audit.run;

import io.cdeepex.audit.suite.Expectation;
import io.cdeepex.audit.suite.Position;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import io.cdeepex.metrics.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cdeepex.metrics.HandBuilt.after;
import static io.cdeepex.metrics.HandBuilt.explanation;
import static io.cdeepex.metrics.HandBuilt.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Verdict wording and rules for plain bounds (on hand-built explanations) and regression gates. */
class VerdictTest {
    private static final Position AT = new Position(7, 9);
    /** 3 of 4 satisfied; d is not. */
    private static final List<Explanation> FOUR = List.of(
            explanation("a", after(0.1f, 0.45f, 0.4f, 0.05f), true, map(0, 0, 1)),
            explanation("b", after(0.1f, 0.45f, 0.4f, 0.05f), true, map(0, 0, 1)),
            explanation("c", after(0.1f, 0.45f, 0.4f, 0.05f), true, map(0, 0, 1)),
            explanation("d", after(0.5f, 0.2f, 0.3f, 0f), false, map(0, 0, 1)));

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

    private static Verdict judged(Expectation x) {
        return Verdict.of(x, x.measure().over(FOUR));
    }

    @Test
    void plainBoundsNameValueCountBoundAndPlace() {
        Verdict both = judged(plain(Metric.SATISFACTION_RATE, 0.5, 0.75));
        assertThat(both.passed()).isTrue();
        assertThat(both.text()).isEqualTo("satisfactionRate = 0.750 (3 of 4) (expected in 0.500..0.750)");

        Verdict third = judged(plain(Metric.THIRD_CLASS_WINS_RATE, null, 0.25));
        assertThat(third.passed()).as("1 of 4 is at most 0.25").isTrue();

        Expectation x = plain(Metric.SATISFACTION_RATE, 0.1, null);
        assertThat(Verdict.of(x, x.measure().over(List.of())).text()).contains("could not be measured");
    }

    @Test
    void aBrokenBoundListsItsOffendersUnderTheLine() {
        Verdict low = judged(plain(Metric.SATISFACTION_RATE, 0.9, null));

        assertThat(low.passed()).isFalse();
        assertThat(low.text()).startsWith("satisfactionRate = 0.750 (3 of 4), expected at least 0.900"
                + " [cases[0].expect[0], line 7, column 9]\n      Expecting at least 90.0% of 4 explanations to satisfy"
                + " all constraints, but 3 (75.0%) did (threshold 0.900). Not satisfied (1):\n        - d [cdeepex]");
        Verdict high = judged(plain(Metric.SATISFACTION_RATE, null, 0.5));
        assertThat(high.text()).contains("expected at most 0.500").contains("Satisfied (3):");
    }

    @Test
    void aToleranceGateSaysHowMuchWorse() {
        Verdict v = Verdict.gate(gate(Metric.PLANTED_RATE, 0.05, null, false), "clean", 0.03, "biased", 0.81);

        assertThat(v.passed()).isFalse();
        assertThat(v.text()).isEqualTo("Metric plantedRate of square:class=8,x=0,y=0,size=6,value=0.5 regression check"
                + " failed: candidate model biased plantedRate = 0.810, baseline model clean plantedRate = 0.030,"
                + " tolerance = 0.050 (lower is better); the candidate is worse by 0.780, more than the tolerance."
                + " [cases[0].expect[0], line 7, column 9]");
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
        assertThat(Verdict.gate(x, "xgems", 0.0, "cdeepex", 0.0).text())
                .contains("the candidate is no better than the baseline");
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
