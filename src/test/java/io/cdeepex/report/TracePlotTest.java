package io.cdeepex.report;

import io.cdeepex.explain.Trace;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracePlotTest {
    private static final float NAN = Float.NaN;

    /** Whether the series colour appears within 2 px of (iteration, p) on an axis from..to. */
    private static boolean drawnAt(
            BufferedImage plot, Color color, double iteration, double p, double from, double to) {
        int x = (int) Math.round(TracePlot.xPixel(iteration, from, to));
        int y = (int) Math.round(TracePlot.yPixel(p));
        return Pixels.contains(plot, x - 2, y - 2, 5, 5, color, 40);
    }

    /** Whether the colour appears anywhere in the plot area's column at that iteration. */
    private static boolean inColumn(BufferedImage plot, Color color, double iteration, double from, double to) {
        int x = (int) Math.round(TracePlot.xPixel(iteration, from, to));
        return Pixels.contains(plot, x - 1, TracePlot.TOP, 3, TracePlot.BOTTOM - TracePlot.TOP, color, 40);
    }

    @Test
    void plotsAllThreeSeriesAtTheirValues() {
        Trace trace = new Trace(new int[] {0, 10, 20, 30, 40}, new float[] {0.9f, 0.8f, 0.7f, 0.6f, 0.5f},
                new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.45f}, new float[] {0f, 0.02f, 0.03f, 0.04f, 0.05f});
        BufferedImage plot = TracePlot.render(trace, "4", "9", "why 4 and not 9?");
        assertThat(plot.getWidth()).isEqualTo(TracePlot.WIDTH);
        assertThat(plot.getHeight()).isEqualTo(TracePlot.HEIGHT);
        assertThat(drawnAt(plot, TracePlot.TRUE_COLOR, 20, 0.7, 0, 40)).isTrue();
        assertThat(drawnAt(plot, TracePlot.PROBE_COLOR, 20, 0.3, 0, 40)).isTrue();
        assertThat(drawnAt(plot, TracePlot.PROBE_COLOR, 20, 0.7, 0, 40)).isFalse();
        assertThat(drawnAt(plot, TracePlot.TRUE_COLOR, 40, 0.5, 0, 40)).isTrue();
    }

    @Test
    void nanValuesAreSkippedAndBreakTheLine() {
        int[] it = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        float[] truth = {0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f};
        float[] probe = {0.3f, 0.3f, 0.3f, 0.3f, NAN, NAN, NAN, 0.3f, 0.3f, 0.3f, 0.3f};
        float[] other = {NAN, NAN, NAN, NAN, NAN, 0.1f, NAN, NAN, NAN, NAN, NAN};
        BufferedImage plot = TracePlot.render(new Trace(it, truth, probe, other), "4", "9", "gaps");
        assertThat(inColumn(plot, TracePlot.PROBE_COLOR, 2, 0, 10)).as("probe before the gap").isTrue();
        assertThat(inColumn(plot, TracePlot.PROBE_COLOR, 5, 0, 10)).as("no probe line across the NaN gap").isFalse();
        assertThat(inColumn(plot, TracePlot.PROBE_COLOR, 8, 0, 10)).as("probe after the gap").isTrue();
        assertThat(inColumn(plot, TracePlot.TRUE_COLOR, 5, 0, 10)).as("true line is unbroken").isTrue();
        assertThat(drawnAt(plot, TracePlot.OTHER_COLOR, 5, 0.1, 0, 10)).as("isolated point becomes a dot").isTrue();
        assertThat(inColumn(plot, TracePlot.OTHER_COLOR, 3, 0, 10)).isFalse();
    }

    @Test
    void emptyTraceSaysNoTraceAndDrawsNoSeries() {
        BufferedImage plot = TracePlot.render(Trace.empty(), "4", "9", "nothing");
        assertThat(plot.getWidth()).isEqualTo(TracePlot.WIDTH);
        int cx = (TracePlot.LEFT + TracePlot.RIGHT) / 2;
        int cy = (TracePlot.TOP + TracePlot.BOTTOM) / 2;
        assertThat(Pixels.dark(plot, cx - 60, cy - 20, 120, 40)).as("'no trace' text in the middle").isGreaterThan(20);
        for (Color c : List.of(TracePlot.TRUE_COLOR, TracePlot.PROBE_COLOR, TracePlot.OTHER_COLOR)) {
            assertThat(Pixels.contains(plot, c, 10)).isFalse();
        }
    }

    @Test
    void singlePointAndAllNanTracesRender() {
        BufferedImage one = TracePlot.render(new Trace(new int[] {7}, new float[] {0.5f}, new float[] {0.4f},
                new float[] {NAN}), "a", "b", "one point");
        assertThat(drawnAt(one, TracePlot.TRUE_COLOR, 7, 0.5, 7, 8)).isTrue();
        BufferedImage none = TracePlot.render(
                new Trace(new int[] {0, 1}, new float[] {NAN, NAN}, new float[] {NAN, NAN}, new float[] {NAN, NAN}),
                "a",
                "b",
                "all NaN");
        assertThat(Pixels.contains(none, TracePlot.LEFT + 1, TracePlot.TOP + 1, TracePlot.RIGHT - TracePlot.LEFT - 2,
                TracePlot.BOTTOM - TracePlot.TOP - 2, TracePlot.TRUE_COLOR, 10)).isFalse();
    }

    @Test
    void explanationTracePlotIsTitledAndSized() {
        BufferedImage plot = TracePlot.render(SyntheticExplanations.digit("mnist#3"), ClassLabels.indices());
        assertThat(plot.getHeight()).isEqualTo(TracePlot.HEIGHT);
        assertThat(Pixels.dark(plot, 0, 0, TracePlot.WIDTH, TracePlot.TOP)).as("title").isGreaterThan(50);
        assertThat(drawnAt(plot, TracePlot.TRUE_COLOR, 3, 0.45, 0, 3)).isTrue();
    }

    @Test
    void mismatchedSeriesLengthNamesTheField() {
        Trace bad = new Trace(new int[] {0, 1}, new float[] {0.5f, 0.5f}, new float[] {0.5f}, new float[] {0f, 0f});
        assertThatThrownBy(() -> TracePlot.render(bad, "a", "b", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probeProbability").hasMessageContaining("1 values").hasMessageContaining("= 2");
    }

    @Test
    void tickStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(TracePlot.niceStep(0.7)).isEqualTo(1.0);
        assertThat(TracePlot.niceStep(13)).isEqualTo(20.0);
        assertThat(TracePlot.niceStep(333)).isEqualTo(500.0);
        assertThat(TracePlot.niceStep(0)).isEqualTo(1.0);
    }
}
