package io.cdeepex.explain.baseline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Window positions cover every pixel, the last row and column included; frames are clipped at the border. */
class WindowPositionsTest {

    @Test
    void startsReachTheLastRowEvenWhenTheStrideDoesNotLandThere() {
        assertThat(WindowPositions.starts(28, 8, 4)).containsExactly(0, 4, 8, 12, 16, 20);
        assertThat(WindowPositions.starts(30, 8, 4)).containsExactly(0, 4, 8, 12, 16, 20, 22);
        assertThat(WindowPositions.starts(5, 8, 4)).as("a window larger than the image shrinks to it")
                .containsExactly(0);
    }

    @Test
    void everyPixelIsCoveredAndFramesAreClipped() {
        int h = 30, w = 23;
        List<WindowPositions.Window> windows = WindowPositions.cover(h, w, 8, 4);
        assertThat(windows).hasSize(7 * 5);
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                int row = r, column = q;
                assertThat(windows).as("pixel (%d, %d)", r, q).anyMatch(win -> win.contains(row, column));
            }
        }
        WindowPositions.Window corner = new WindowPositions.Window(0, 0, 8, 8);
        WindowPositions.Window inner = new WindowPositions.Window(8, 8, 8, 8);
        assertThat(corner.windowIndices(2, 28, 28)).hasSize(2 * 64).contains(0, 7 * 28 + 7, 28 * 28);
        assertThat(corner.frameIndices(2, 1, 28, 28)).hasSize(10 * 10 - 64).contains(8, 9 * 28 + 9)
                .doesNotContain(0, 7 * 28 + 7);
        assertThat(inner.frameIndices(2, 3, 28, 28)).hasSize(3 * (12 * 12 - 64));
        assertThat(inner.frameIndices(0, 1, 28, 28)).isEmpty();
    }
}
