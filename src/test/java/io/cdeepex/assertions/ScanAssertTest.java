package io.cdeepex.assertions;

import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.CounterfactualCheck;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.explain.scan.Sign;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cdeepex.assertions.AuditAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanAssertTest {
    private static final Region CORNER = new Region(0, 0, 14, 14);

    private static Finding finding(int probe, Region box, double flipRate, double score) {
        return new Finding(probe, Sign.ADDED, box, 0.03, 0.7, 6, 8,
                new CounterfactualCheck.Result(40, flipRate, 0.0, 7, 9), score);
    }

    private static ScanResult scan(boolean complete, Finding... findings) {
        return new ScanResult("biased", "vae", "samples", List.of("0", "1", "2"), ScanSettings.defaults(),
                List.of(0, 1, 2), List.of(), List.of(findings), complete, 1000);
    }

    @Test
    void aTopFindingInTheRegionThatFlipsHalfTheImagesIsAShortcutThere() {
        ScanResult s = scan(true, finding(2, new Region(20, 20, 16, 16), 0.05, 0.01),
                finding(1, new Region(1, 2, 5, 5), 0.8, 0.4));

        assertThat(s).findsShortcutIn(CORNER);
        assertThatThrownBy(() -> assertThat(s).hasNoShortcut()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("but 1 do:").hasMessageContaining("probe 1 added [x=1, y=2, 5x5]")
                .hasMessageContaining("flip rate 0.800");
    }

    @Test
    void aShortcutElsewhereOrAWeakOneInTheRegionFails() {
        ScanResult elsewhere = scan(true, finding(1, new Region(40, 40, 5, 5), 0.9, 0.5),
                finding(1, new Region(0, 0, 5, 5), 0.6, 0.3));
        assertThatThrownBy(() -> assertThat(elsewhere).findsShortcutIn(CORNER))
                .hasMessageContaining("but it is probe 1 added [x=40, y=40, 5x5]")
                .hasMessageContaining("findings overlapping the region:")
                .hasMessageContaining("[x=0, y=0, 5x5]");

        ScanResult weak = scan(true, finding(1, new Region(0, 0, 5, 5), 0.45, 0.3));
        assertThatThrownBy(() -> assertThat(weak).findsShortcutIn(CORNER)).hasMessageContaining("flip rate 0.450");
        assertThat(weak).findsShortcutIn(CORNER, 0.4);

        assertThatThrownBy(() -> assertThat(scan(true)).findsShortcutIn(CORNER))
                .hasMessageContaining("it has no finding");
    }

    @Test
    void aFindingJustUnderTheFlipRateIsNoShortcut() {
        ScanResult s = scan(true, finding(1, new Region(0, 0, 5, 5), 0.175, 0.1));

        assertThat(s).hasNoShortcut().isComplete();
        assertThatThrownBy(() -> assertThat(s).hasNoShortcut(0.15)).hasMessageContaining("0.150 or more")
                .hasMessageContaining("flip rate 0.175");
    }

    @Test
    void anInterruptedScanIsNotComplete() {
        assertThatThrownBy(() -> assertThat(scan(false)).isComplete())
                .hasMessageContaining("only 0 of 3 probe classes finished");
    }

    @Test
    void aRetrainedClassifierFailsTheGateOnlyForAShortcutTheBaselineDidNotHave() {
        ScanResult baseline = scan(true, finding(8, new Region(0, 0, 6, 6), 0.7, 0.5),
                finding(3, new Region(30, 30, 8, 8), 0.1, 0.01));
        ScanResult same = scan(true, finding(8, new Region(2, 2, 6, 6), 0.9, 0.6));
        ScanResult lost = scan(true, finding(8, new Region(0, 0, 6, 6), 0.1, 0.05));
        ScanResult gained = scan(true, finding(8, new Region(0, 0, 6, 6), 0.7, 0.5),
                finding(3, new Region(30, 30, 8, 8), 0.4, 0.2), finding(5, new Region(0, 0, 6, 6), 0.3, 0.1));

        assertThat(same).hasNoShortcutBeyond(baseline);
        assertThat(lost).hasNoShortcutBeyond(baseline);
        assertThatThrownBy(() -> assertThat(gained).hasNoShortcutBeyond(baseline))
                .hasMessageContaining("it gained 2:").hasMessageContaining("probe 3 added [x=30, y=30, 8x8]")
                .hasMessageContaining("probe 5 added [x=0, y=0, 6x6]").hasMessageNotContaining("probe 8");
    }
}
