package io.cdeepex.explain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The early stop of the inner loop on hand-built sequences of augmented-Lagrangian values. */
class InnerStopRuleTest {

    /** The 1-based step at which the rule first says stop, or -1 when it never does. */
    private static int stopsAt(double tolerance, double... values) {
        InnerStopRule rule = new InnerStopRule(tolerance);
        for (int i = 0; i < values.length; i++) if (rule.stalled(values[i])) return i + 1;
        return -1;
    }

    @Test
    void aSteadyDescentNeverStops() {
        assertThat(stopsAt(0.01, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)).isEqualTo(-1);
    }

    @Test
    void aPlateauStopsAfterTheWindow() {
        // best before the last three steps is 5; the last three (5, 5, 5) do not beat it by 1 % of 5
        assertThat(stopsAt(0.01, 10, 8, 5, 5, 5, 5)).isEqualTo(6);
    }

    @Test
    void oneBadStepAmongGoodOnesDoesNotStop() {
        // 6.5 is worse than 6, but within three steps the value falls to 4: progress
        assertThat(stopsAt(0.01, 10, 8, 6, 6.5, 4, 3.5, 3)).isEqualTo(-1);
    }

    @Test
    void smallImprovementsBelowTheToleranceStop() {
        // from 100 to 99.9 over three steps is 0.1 %: below a 1 % tolerance, above a 0.01 % one
        assertThat(stopsAt(0.01, 120, 110, 100, 99.97, 99.94, 99.9)).isEqualTo(6);
        assertThat(stopsAt(1e-4, 120, 110, 100, 99.97, 99.94, 99.9)).isEqualTo(-1);
    }

    @Test
    void negativeValuesAreMeasuredAgainstTheirMagnitude() {
        // the augmented Lagrangian can be negative (lambda * h): -10 to -10.05 is 0.5 % of |-10|
        assertThat(stopsAt(0.01, -5, -8, -10, -10.02, -10.04, -10.05)).isEqualTo(6);
        assertThat(stopsAt(0.01, -5, -8, -10, -11, -12, -13)).isEqualTo(-1);
    }

    @Test
    void toleranceZeroIsOff() {
        assertThat(stopsAt(0, 5, 5, 5, 5, 5, 5, 5, 5)).isEqualTo(-1);
    }

    @Test
    void resetStartsAFreshWindow() {
        InnerStopRule rule = new InnerStopRule(0.01);
        for (double v : new double[] {5, 5, 5, 5}) rule.stalled(v);
        rule.reset();
        assertThat(rule.stalled(5)).as("first value of a new inner loop").isFalse();
        assertThat(rule.stalled(5)).isFalse();
        assertThat(rule.stalled(5)).isFalse();
        assertThat(rule.stalled(5)).as("a full window after the reset").isTrue();
    }
}
