package io.cdeepex.explain.scan;

import io.cdeepex.explain.Region;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FoundArtefactTest {
    /** A 4x4 map whose box [1,1,2x2] holds 0.5, 0.25 / 0.1, 0; outside the box 0.9 (must not be pasted). */
    private static float[] map() {
        float[] m = new float[16];
        java.util.Arrays.fill(m, 0.9f);
        m[5] = 0.5f;
        m[6] = 0.25f;
        m[9] = 0.1f;
        m[10] = 0f;
        return m;
    }

    @Test
    void pastesTheBoxScaledToItsPeakAndClipped() {
        FoundArtefact added = new FoundArtefact(7, map(), 4, new Region(1, 1, 2, 2), Sign.ADDED);
        float[] image = new float[16];
        java.util.Arrays.fill(image, 0.2f);

        float[] out = added.applyTo(image, 1, 4, 4);

        assertThat(out[5]).isEqualTo(1f);          // 0.2 + 0.5 * 2, clipped at 1
        assertThat(out[6]).isEqualTo(0.7f);        // 0.2 + 0.25 * 2
        assertThat(out[9]).isCloseTo(0.4f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(out[10]).isEqualTo(0.2f);
        assertThat(out[0]).isEqualTo(0.2f);        // outside the box untouched
        assertThat(image[5]).isEqualTo(0.2f);      // the input is not changed
        assertThat(added.targetClass()).hasValue(7);
    }

    @Test
    void aRemovedFindingSubtractsAndClipsAtZero() {
        FoundArtefact removed = new FoundArtefact(2, map(), 4, new Region(1, 1, 2, 2), Sign.REMOVED);
        float[] image = new float[16];
        java.util.Arrays.fill(image, 0.6f);

        float[] out = removed.applyTo(image, 1, 4, 4);

        assertThat(out[5]).isEqualTo(0f);
        assertThat(out[6]).isCloseTo(0.1f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void theMaskPatternFillsWhereTheMapReachesHalfItsPeak() {
        FoundArtefact mask = new FoundArtefact(7, map(), 4, new Region(1, 1, 2, 2), Sign.ADDED)
                .as(FoundArtefact.Pattern.MASK);
        float[] image = new float[16];
        java.util.Arrays.fill(image, 0.2f);

        float[] out = mask.applyTo(image, 1, 4, 4);

        assertThat(out[5]).isEqualTo(1f);          // 0.5: the peak
        assertThat(out[6]).isEqualTo(1f);          // 0.25: exactly half the peak
        assertThat(out[9]).isEqualTo(0.2f);        // 0.1: below half, untouched
        assertThat(out[0]).isEqualTo(0.2f);        // outside the box (0.9 there) untouched
        float[] removed = mask.as(FoundArtefact.Pattern.MASK).applyTo(image, 1, 4, 4);
        assertThat(new FoundArtefact(7, map(), 4, new Region(1, 1, 2, 2), Sign.REMOVED, FoundArtefact.Pattern.MASK)
                .applyTo(image, 1, 4, 4)[5]).isEqualTo(0f);
        assertThat(removed[5]).isEqualTo(1f);
    }

    @Test
    void theWideMaskPatternFillsWhereTheMapReachesAQuarterOfItsPeak() {
        float[] blurred = map();
        blurred[10] = 0.15f;
        FoundArtefact wide = new FoundArtefact(7, blurred, 4, new Region(1, 1, 2, 2), Sign.ADDED)
                .as(FoundArtefact.Pattern.WIDE_MASK);
        float[] image = new float[16];
        java.util.Arrays.fill(image, 0.2f);

        float[] out = wide.applyTo(image, 1, 4, 4);
        float[] half = wide.as(FoundArtefact.Pattern.MASK).applyTo(image, 1, 4, 4);

        assertThat(out[5]).isEqualTo(1f);          // 0.5: the peak
        assertThat(out[10]).isEqualTo(1f);         // 0.15: over a quarter of the peak (0.125), under half
        assertThat(half[10]).isEqualTo(0.2f);      // ... so the half mask leaves it
        assertThat(out[9]).isEqualTo(0.2f);        // 0.1: below a quarter, untouched
        assertThat(out[0]).isEqualTo(0.2f);        // outside the box untouched
    }

    @Test
    void anImageOfAnotherWidthIsRefused() {
        FoundArtefact added = new FoundArtefact(7, map(), 4, new Region(1, 1, 2, 2), Sign.ADDED);

        assertThatThrownBy(() -> added.applyTo(new float[64], 1, 8, 8))
                .hasMessageContaining("4 pixels wide").hasMessageContaining("8x8");
    }
}
