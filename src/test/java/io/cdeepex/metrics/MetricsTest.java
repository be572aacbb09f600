package io.cdeepex.metrics;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cdeepex.metrics.HandBuilt.after;
import static io.cdeepex.metrics.HandBuilt.explanation;
import static io.cdeepex.metrics.HandBuilt.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every metric on three hand-built explanations whose values are worked out by hand (region R = the top-left 2x2
 * of the 4x4 map; the artefact is a 2x2 square of 0.5 there):
 * <pre>
 *      satisfied  on top  third wins  red in R        red max   adds artefact  p(true) drop / p(probe) gain
 *  a   yes        yes     no          1 of 2 = 0.50   (0,0) in  1/4 >= 0.25    0.25 / 0.30
 *  b   no         no      yes         3 of 4 = 0.75   (1,1) in  3/4            0.50 / 0.20
 *  c   yes        no      no          0 of 2 = 0      (3,3) out 0              0.30 / 0.05
 * </pre>
 */
class MetricsTest {
    private static final Region R = new Region(0, 0, 2, 2);
    private static final PlantSpec SQUARE = PlantSpec.parse("square:class=1,x=0,y=0,size=2,value=0.5");

    private static final Explanation A = explanation("a", after(0.15f, 0.45f, 0.40f, 0f), true,
            map(0, 0, 1, 3, 3, 1, 2, 0, -1));
    private static final Explanation B = explanation("b", after(0.5f, 0.2f, 0.3f, 0f), false, map(1, 1, 3, 3, 3, 1));
    private static final Explanation C = explanation("c", after(0.3f, 0.4f, 0.15f, 0.15f), true, map(3, 3, 2));
    private static final List<Explanation> ABC = List.of(A, B, C);

    @Test
    void ratesCountTheExplanationsThatAreAYes() {
        assertRate(Measure.of(Metric.SATISFACTION_RATE), 2, "b");
        assertRate(Measure.of(Metric.TRUE_AND_PROBE_ON_TOP_RATE), 1, "b", "c");
        assertRate(Measure.inRegion(Metric.RED_MAXIMUM_IN_REGION_RATE, R), 2, "c");
        assertRate(Measure.inRegion(Metric.BLUE_MAXIMUM_IN_REGION_RATE, R), 0, "a", "b", "c");
        assertRate(Measure.ofPlant(Metric.ARTEFACT_ADDED_RATE, SQUARE), 2, "c");
        assertRate(Measure.of(Metric.PROBABILITY_MOVED_RATE), 3);
        assertRate(Measure.withMinShift(Metric.PROBABILITY_MOVED_RATE, 0.1), 2, "c");

        Measurement third = Measure.of(Metric.THIRD_CLASS_WINS_RATE).over(ABC);
        assertThat(third.value()).isEqualTo(1.0 / 3);
        assertThat(third.offenders(false, 0.0)).extracting(Measurement.Reading::subject)
                .containsExactly("b [cdeepex] 1->2");
    }

    @Test
    void meansAverageTheNumberPerExplanationAndListTheWorstFirst() {
        Measurement red = Measure.inRegion(Metric.RED_MASS_FRACTION, R).over(ABC);

        assertThat(red.value()).isCloseTo((0.5 + 0.75 + 0) / 3, within(1e-9));
        assertThat(red.counted()).isEmpty();
        assertThat(red.offenders(true, 0.6)).extracting(Measurement.Reading::line)
                .containsExactly("c [cdeepex] 1->2: 0.000", "a [cdeepex] 1->2: 0.500");
        assertThat(red.offenders(false, 0.4)).extracting(Measurement.Reading::line)
                .containsExactly("b [cdeepex] 1->2: 0.750", "a [cdeepex] 1->2: 0.500");
        assertThat(Measure.inRegion(Metric.BLUE_MASS_FRACTION, R).valueOf(A)).isEqualTo(0.0);
        assertThat(Measure.inRegion(Metric.BLUE_MASS_FRACTION, new Region(2, 0, 1, 1)).valueOf(A)).isEqualTo(1.0);
    }

    @Test
    void offenderLinesNameTheImageAndTheNumbersBehindTheReading() {
        assertThat(Measure.of(Metric.SATISFACTION_RATE).offenderLine(B)).isEqualTo("b [cdeepex] 1->2: CONVERGED,"
                + " 1 constraint(s) violated; p(1) 0.700 -> 0.200, p(2) 0.100 -> 0.300, strongest other 0.500");
        assertThat(Measure.inRegion(Metric.RED_MAXIMUM_IN_REGION_RATE, R).offenderLine(C))
                .isEqualTo("c [cdeepex] 1->2: at column 3, row 3");
        assertThat(Measure.inRegion(Metric.BLUE_MAXIMUM_IN_REGION_RATE, R).offenderLine(C))
                .isEqualTo("c [cdeepex] 1->2: no blue at all");
        assertThat(Measure.ofPlant(Metric.ARTEFACT_ADDED_RATE, SQUARE).offenderLine(C))
                .isEqualTo("c [cdeepex] 1->2: mean difference over its pixels 0.000, needed 0.250");
        assertThat(Measure.withMinShift(Metric.PROBABILITY_MOVED_RATE, 0.1).offenderLine(C))
                .isEqualTo("c [cdeepex] 1->2: p(true) dropped by 0.300, p(probe) rose by 0.050");
    }

    @Test
    void aFailedBoundSaysWhatWasExpectedMeasuredAndWhoOffends() {
        Measurement satisfied = Measure.of(Metric.SATISFACTION_RATE).over(ABC);

        assertThat(satisfied.holds(true, 0.6)).isTrue();
        assertThat(satisfied.holds(true, 0.9)).isFalse();
        assertThat(satisfied.failure(true, 0.9)).isEqualTo("Expecting at least 90.0% of 3 explanations to satisfy"
                + " all constraints, but 2 (66.7%) did (threshold 0.900). Not satisfied (1):" + System.lineSeparator()
                + "  - b [cdeepex] 1->2: CONVERGED, 1 constraint(s) violated; p(1) 0.700 -> 0.200, p(2) 0.100 -> 0.300,"
                + " strongest other 0.500");
        assertThat(satisfied.failure(false, 0.5)).startsWith("Expecting at most 50.0% of 3 explanations")
                .contains("Satisfied (2):").contains("  - a [cdeepex]").contains("  - c [cdeepex]");
        assertThat(Measure.inRegion(Metric.RED_MASS_FRACTION, R).over(ABC).failure(true, 0.6))
                .startsWith("Expecting the mean red (added) mass fraction inside region [x=0, y=0, 2x2] over 3"
                        + " explanations to be at least 0.600, but it was 0.417 (threshold 0.600). Below the threshold,"
                        + " lowest first (2):");
    }

    @Test
    void directionsAreTheMetricsOwn() {
        assertThat(Metric.values()).filteredOn(Metric::higherIsBetter).containsExactly(Metric.SATISFACTION_RATE,
                Metric.TRUE_AND_PROBE_ON_TOP_RATE, Metric.PROBABILITY_MOVED_RATE, Metric.ACCURACY, Metric.RECALL,
                Metric.SCAN_FINDS_SHORTCUT_IN);
        assertThat(Metric.byId("thirdClassWinsRate")).contains(Metric.THIRD_CLASS_WINS_RATE);
    }

    @Test
    void oneSlackForEveryComparisonSoRoundingDoesNotDecide() {
        assertThat(Comparison.atLeast(19.0 / 20, 0.95)).isTrue();
        assertThat(Comparison.atLeast(0.949, 0.95)).isFalse();
        assertThat(Comparison.atMost(0.1 + 0.2, 0.3)).isTrue();
        assertThat(Comparison.withinTolerance(0.95, 0.90, 0.05, true)).isTrue();
        assertThat(Comparison.withinTolerance(0.95, 0.89, 0.05, true)).isFalse();
        assertThat(Comparison.withinTolerance(0.10, 0.15, 0.05, false)).isTrue();
        assertThat(Comparison.improvesBy(0.1875, 0.0, 0.01, false)).isTrue();
        assertThat(Comparison.improvesBy(0.10, 0.095, 0.01, false)).isFalse();
        assertThat(Comparison.atLeast(Double.NaN, 0)).isFalse();
        assertThat(Comparison.withinTolerance(0.5, Double.NaN, 1, true)).isFalse();
    }

    @Test
    void classifierMetricsReadTheEvaluationAndNameTheImagesOnTheWrongSide() {
        // labels 0 0 1 1, predicted 0 1 1 1; with the square the two class-0 images are predicted 1 and 0
        ClassifierEvaluation ev = new ClassifierEvaluation("pets", "pet-set", 4, 0.75, new double[] {0.5, 1.0},
                new int[][] {{1, 1}, {0, 2}}, SQUARE.toString(), 0.5, List.of("cat", "dog"),
                new ClassifierEvaluation.Predictions(List.of("a", "b", "c", "d"), new int[] {0, 0, 1, 1},
                        new int[] {0, 1, 1, 1}, SQUARE, new int[] {1, 0}));

        Measurement accuracy = Measure.of(Metric.ACCURACY).over(ev);
        assertThat(accuracy.value()).isEqualTo(0.75);
        assertThat(accuracy.counted()).isEqualTo(" (4 images)");
        assertThat(accuracy.offenders(true, 0.9)).extracting(Measurement.Reading::line)
                .containsExactly("b: label 0 (cat), predicted 1 (dog)");
        assertThat(Measure.ofClass(Metric.RECALL, 1).over(ev).offenders(false, 0.5))
                .extracting(Measurement.Reading::subject).containsExactly("c", "d");
        Measurement planted = Measure.ofPlant(Metric.PLANTED_RATE, SQUARE).over(ev);
        assertThat(planted.offenders(false, 0.2)).extracting(Measurement.Reading::line)
                .containsExactly("a: label 0 (cat), predicted 1 (dog) with the artefact");
        assertThat(planted.failure(true, 0.9)).startsWith("Expecting at least 90.0% of 2 other classes' images of"
                + " pet-set to be turned into class 1 (dog) by the artefact " + SQUARE + " (classifier pets), but 1"
                + " (50.0%) did (threshold 0.900). Not turned (1):");

        PlantSpec other = PlantSpec.parse("square:class=0,x=1,y=1,size=2,value=0.5");
        assertThatThrownBy(() -> Measure.ofPlant(Metric.PLANTED_RATE, other).over(ev))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("planted " + SQUARE + ", not");
        assertThatThrownBy(() -> Measure.ofClass(Metric.RECALL, 2).over(ev))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 2 is outside");
    }

    @Test
    void misuseIsAnArgumentError() {
        assertThatThrownBy(() -> Measure.of(Metric.ACCURACY).over(ABC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a classifier metric");
        assertThatThrownBy(() -> Measure.of(Metric.RED_MASS_FRACTION).over(ABC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redMassFraction needs a region");
        assertThatThrownBy(() -> Measure.inRegion(Metric.RED_MASS_FRACTION, new Region(3, 3, 2, 2)).over(ABC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit the 4x4");
        assertThat(Measure.of(Metric.SATISFACTION_RATE).over(List.of()).value()).isNaN();
    }

    private static void assertRate(Measure measure, int yes, String... notCounted) {
        Measurement m = measure.over(ABC);
        assertThat(m.value()).as(measure.describe()).isEqualTo(yes / 3.0);
        assertThat(m.counted()).isEqualTo(" (" + yes + " of 3)");
        assertThat(m.offenders(true, 1.0)).as(measure.describe()).extracting(r -> r.subject().substring(0, 1))
                .containsExactly(notCounted);
    }
}
