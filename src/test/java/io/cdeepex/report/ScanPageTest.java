package io.cdeepex.report;

import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.CounterfactualCheck;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ProbeAggregate;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.explain.scan.Sign;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ScanPageTest {
    private static final int S = 8;

    private static ProbeAggregate aggregate(int probe) {
        float[] red = new float[S * S];
        red[0] = 1f;
        float[] zero = new float[S * S];
        return new ProbeAggregate(probe, S, S, 4, 3, red, zero, red, zero, Map.of(1, red), Map.of(1, zero));
    }

    private static Finding finding(int probe, double flip) {
        return new Finding(probe, Sign.ADDED, new Region(0, 0, 2, 2), 0.4, 0.75, 1, 1,
                new CounterfactualCheck.Result(40, flip, 0.025, 3, 9), flip * 0.75);
    }

    @Test
    void listsFindingsBestFirstMarksShortcutsAndInlinesFourPicturesPerProbe() {
        ScanResult r = new ScanResult("net<1>", "vae", "samples", List.of("zero", "one", "two"),
                ScanSettings.defaults(), List.of(0, 2), List.of(aggregate(2)),
                List.of(finding(2, 0.1), finding(2, 0.85)), false, 61_000);

        String html = ScanPage.html(r);

        assertThat(html).contains("Scan of net&lt;1&gt; with vae on samples").doesNotContain("net<1>")
                .contains("<b>Incomplete</b>: 1 of 2 probe classes, 2 findings, 61 s")
                .contains("Why not 2 (two)? (4 images, 3 satisfied)");
        int first = html.indexOf("<td>0.850</td>");
        int second = html.indexOf("<td>0.100</td>");
        assertThat(first).isPositive().isLessThan(second);
        assertThat(html.substring(html.lastIndexOf("<tr", first), first)).contains("class=\"shortcut\"");
        assertThat(html.substring(html.lastIndexOf("<tr", second), second)).doesNotContain("shortcut");
        // 34 of 40 flipped: the Wilson interval beside the rate
        assertThat(html).contains("<td>0.850</td><td>0.709&ndash;0.929</td>");
        assertThat(Pattern.compile("src=\"data:image/png;base64,").matcher(html).results().count()).isEqualTo(4);
    }

    @Test
    void saysSoWhenThereAreNoFindings() {
        ScanResult r = new ScanResult("net", "vae", "samples", List.of("0", "1"), ScanSettings.defaults(),
                List.of(1), List.of(aggregate(1)), List.of(), true, 1000);

        assertThat(ScanPage.html(r)).contains("Complete: 1 of 1 probe classes, 0 findings").contains("No findings.");
    }

    @Test
    void classesNamedByTheirIndexAreNotNamedTwice() {
        ScanResult r = new ScanResult("net", "vae", "samples", List.of("0", "1", "2"), ScanSettings.defaults(),
                List.of(2), List.of(aggregate(2)), List.of(finding(2, 0.5)), true, 1000);

        assertThat(ScanPage.html(r)).contains("Why not 2? (4 images").doesNotContain("2 (2)");
    }
}
