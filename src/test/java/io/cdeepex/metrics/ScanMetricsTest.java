package io.cdeepex.metrics;

import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.CounterfactualCheck;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.explain.scan.Sign;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scan metrics read a scan's ranked findings: the region's best-ranked finding, the largest flip rate. */
class ScanMetricsTest {
    private static final Region CORNER = new Region(0, 0, 6, 6);

    private static Finding finding(int probe, Region box, double flipRate, double score) {
        return new Finding(probe, Sign.ADDED, box, 0.03, 0.7, 6, 8,
                new CounterfactualCheck.Result(40, flipRate, 0.0, 7, 9), score);
    }

    private static ScanResult scan(Finding... findings) {
        return new ScanResult("biased", "vae", "samples", List.of("0", "1", "2"), ScanSettings.defaults(),
                List.of(1, 2), List.of(), List.of(findings), true, 1000);
    }

    // ranked by score: the corner box (score 0.3, flip 0.6) above the centre box (score 0.1, flip 0.9) and a
    // second corner box that flips more but ranks lower (score 0.05, flip 0.7)
    private static final ScanResult SCAN = scan(finding(2, new Region(10, 10, 5, 5), 0.9, 0.1),
            finding(1, new Region(4, 4, 3, 3), 0.7, 0.05), finding(1, new Region(0, 0, 5, 5), 0.6, 0.3));

    @Test
    void findsShortcutInIsTheFlipRateOfTheBestRankedFindingOverlappingTheRegion() {
        Measurement m = Measure.inRegion(Metric.SCAN_FINDS_SHORTCUT_IN, CORNER).over(SCAN);

        assertThat(m.value()).isEqualTo(0.6);
        assertThat(m.counted()).isEqualTo(" (the best-ranked finding overlapping the region, of 3 over probes [1, 2]:"
                + " probe 1 added [x=0, y=0, 5x5] (score 0.3000, flip rate 0.600, 95 % interval 0.446-0.737, on 40"
                + " clean images, base rate 0.000))");
        assertThat(m.holds(true, 0.5)).isTrue();
        assertThat(m.holds(true, 0.65)).isFalse();
    }

    @Test
    void aRegionNoFindingOverlapsMeasuresZero() {
        Measurement m = Measure.inRegion(Metric.SCAN_FINDS_SHORTCUT_IN, new Region(20, 0, 4, 4)).over(SCAN);

        assertThat(m.value()).isZero();
        assertThat(m.counted()).isEqualTo(" (no finding overlaps the region, of 3 over probes [1, 2])");
    }

    @Test
    void maxFlipRateIsTheLargestFlipRateOfAnyFindingWhateverItsRank() {
        Measurement m = Measure.of(Metric.SCAN_MAX_FLIP_RATE).over(SCAN);

        assertThat(m.value()).isEqualTo(0.9);
        assertThat(m.counted()).contains("the finding with the largest flip rate, of 3 over probes [1, 2]: probe 2"
                + " added [x=10, y=10, 5x5]");
        assertThat(Measure.of(Metric.SCAN_MAX_FLIP_RATE).over(scan()).value()).isZero();
    }

    @Test
    void onlyScanMetricsReadAScan() {
        assertThatThrownBy(() -> Measure.of(Metric.ACCURACY).over(SCAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accuracy is not a scan metric");
    }
}
