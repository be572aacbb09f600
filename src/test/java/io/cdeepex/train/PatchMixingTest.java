package io.cdeepex.train;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatchMixingTest {
    private static final int H = 10;
    private static final int W = 12;

    /** Image k holds 1000 * (k + 1) + its pixel index, so every value says which image and place it came from. */
    private static float[] labelledBatch(int n) {
        float[] batch = new float[n * H * W];
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < H * W; p++) batch[k * H * W + p] = 1000 * (k + 1) + p;
        }
        return batch;
    }

    @Test
    void aCopiedBoxHoldsTheDonorsPixelsAtTheSamePlaceAndNothingElseChanges() {
        float[] batch = labelledBatch(3);
        float[] out = batch.clone();
        PatchMixing.copyBox(batch, 2, out, 0, 1, H, W, 3, 5, 2, 4);  // rows 3..4, columns 5..8 of image 2 into 0
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = y >= 3 && y <= 4 && x >= 5 && x <= 8;
                float expected = (inside ? 3000 : 1000) + y * W + x;
                assertThat(out[y * W + x]).as("image 0 at (%d, %d)", x, y).isEqualTo(expected);
            }
        }
        for (int p = H * W; p < batch.length; p++) assertThat(out[p]).isEqualTo(batch[p]);
    }

    @Test
    void everyMixedImageTakesOneBoxOfSidesInRangeFromAnotherImageAtTheSamePlace() {
        int n = 6;
        float[] batch = labelledBatch(n);
        PatchMixing mixing = new PatchMixing(1.0, 2, 5, 1, false);
        float[] out = mixing.mix(batch, n, 1, H, W, new Random(7));
        assertThat(batch).isEqualTo(labelledBatch(n));  // the input is left as it was
        for (int k = 0; k < n; k++) {
            int minY = H, maxY = -1, minX = W, maxX = -1, changed = 0, donor = -1;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    float v = out[k * H * W + y * W + x];
                    int pixel = y * W + x;
                    assertThat(Math.round(v) % 1000)
                            .as("image %d keeps every value at its own place", k)
                            .isEqualTo(pixel);
                    int from = Math.round(v) / 1000 - 1;
                    if (from == k) continue;
                    assertThat(donor == -1 || donor == from).as("one donor per box").isTrue();
                    donor = from;
                    changed++;
                    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
                    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
                }
            }
            int boxH = maxY - minY + 1, boxW = maxX - minX + 1;
            assertThat(donor).as("image %d gets a box from another image", k).isNotEqualTo(-1).isNotEqualTo(k);
            assertThat(changed).as("the changed pixels of image %d form one full rectangle", k).isEqualTo(boxH * boxW);
            assertThat(boxH).isBetween(2, 5);
            assertThat(boxW).isBetween(2, 5);
        }
    }

    @Test
    void cutoutBlanksTheBoxAndProbabilityZeroChangesNothing() {
        float[] batch = labelledBatch(2);
        float[] out = new PatchMixing(1.0, 3, 3, 1, true).mix(batch, 2, 1, H, W, new Random(3));
        for (int k = 0; k < 2; k++) {
            int zeros = 0;
            for (int p = 0; p < H * W; p++) {
                float v = out[k * H * W + p];
                if (v == 0) zeros++;
                else assertThat(v).isEqualTo(batch[k * H * W + p]);
            }
            assertThat(zeros).as("a 3x3 box of zeros in image %d", k).isEqualTo(9);
        }
        assertThat(PatchMixing.none().mix(batch, 2, 1, H, W, new Random(3))).isSameAs(batch);
    }

    @Test
    void aboutTheRequestedShareOfImagesIsMixed() {
        int n = 400;
        float[] out = new PatchMixing(0.25, 2, 4, 1, false).mix(labelledBatch(n), n, 1, H, W, new Random(11));
        float[] in = labelledBatch(n);
        int mixed = 0;
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < H * W; p++) {
                if (out[k * H * W + p] != in[k * H * W + p]) {
                    mixed++;
                    break;
                }
            }
        }
        assertThat(mixed).isBetween(70, 130);  // binomial(400, 0.25): mean 100, sd 8.7
    }

    @Test
    void badSettingsAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> new PatchMixing(1.5, 2, 4, 1, false)).hasMessageContaining("--mix-prob");
        assertThatThrownBy(() -> new PatchMixing(0.5, 5, 4, 1, false)).hasMessageContaining("--mix-box");
        assertThatThrownBy(() -> new PatchMixing(0.5, 2, 4, 0, false)).hasMessageContaining("--mix-boxes");
        assertThatThrownBy(() -> PatchMixing.parseBox("4")).hasMessageContaining("MIN,MAX").hasMessageContaining("'4'");
        assertThat(PatchMixing.parseBox("4,16")).containsExactly(4, 16);
        PatchMixing tooBig = new PatchMixing(0.5, 2, 20, 1, false);
        assertThatThrownBy(() -> tooBig.mix(labelledBatch(2), 2, 1, H, W, new Random(1)))
                .hasMessageContaining("--mix-box").hasMessageContaining("10x12");
    }
}
