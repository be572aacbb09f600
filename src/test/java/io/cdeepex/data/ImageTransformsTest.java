package io.cdeepex.data;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected values are worked out by hand from PyTorch's rule (align_corners=False), see ImageTransforms. */
class ImageTransformsTest {
    private static final Offset<Float> EPS = Offset.offset(1e-6f);

    @Test
    void upsamplesTwoByTwoToFourByFourLikePyTorch() {
        // torch.nn.functional.interpolate(torch.arange(4.).view(1,1,2,2), size=(4,4), mode='bilinear',
        // align_corners=False): source coordinates 0, 0.25, 0.75, 1 (the -0.25 clamps to 0).
        float[] out = ImageTransforms.resize(new float[] {0, 1, 2, 3}, 1, 2, 2, 4, 4);
        float[] expected = {
            0.00f, 0.25f, 0.75f, 1.00f,
            0.50f, 0.75f, 1.25f, 1.50f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.00f, 2.25f, 2.75f, 3.00f};
        assertThat(out).containsExactly(expected, EPS);
    }

    @Test
    void interpolationMatrixHoldsTheSameWeightsAsRows() {
        // 2 -> 4: source coordinates 0 (clamped from -0.25), 0.25, 0.75, 1 (as in the test above)
        assertThat(ImageTransforms.interpolationMatrix(2, 4)).containsExactly(new float[] {
            1.00f, 0.00f,
            0.75f, 0.25f,
            0.25f, 0.75f,
            0.00f, 1.00f}, EPS);
        assertThatThrownBy(() -> ImageTransforms.interpolationMatrix(0, 4))
                .hasMessageContaining("from 0 to 4 pixels");
    }

    @Test
    void upsamplesARowWithEdgeClamping() {
        // 2 -> 5: src = (d + 0.5) * 0.4 - 0.5 = -0.3 (clamped to 0), 0.1, 0.5, 0.9, 1.3 (both neighbours are pixel 1).
        assertThat(ImageTransforms.resize(new float[] {0, 1}, 1, 1, 2, 1, 5))
                .containsExactly(new float[] {0f, 0.1f, 0.5f, 0.9f, 1f}, EPS);
    }

    @Test
    void downsamplesByTwoToBlockMeans() {
        float[] image = new float[16];
        for (int i = 0; i < 16; i++) {
            image[i] = i;
        }
        // src = (d + 0.5) * 2 - 0.5 = 0.5, 2.5: the mean of each 2x2 block.
        assertThat(ImageTransforms.resize(image, 1, 4, 4, 2, 2))
                .containsExactly(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, EPS);
    }

    @Test
    void downsamplesThreeToTwoAtFractionalPositions() {
        // pixel (r, c) = 3r + c; src = (d + 0.5) * 1.5 - 0.5 = 0.25, 1.75, so output = 3 * sy + sx.
        float[] image = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(ImageTransforms.resize(image, 1, 3, 3, 2, 2))
                .containsExactly(new float[] {1f, 2.5f, 5.5f, 7f}, EPS);
    }

    @Test
    void channelsAreResizedIndependently() {
        float[] image = {0, 1, 2, 3, 10, 10, 10, 10};
        float[] out = ImageTransforms.resize(image, 2, 2, 2, 4, 4);
        assertThat(out).hasSize(32);
        assertThat(out[5]).isCloseTo(0.75f, EPS);
        for (int i = 16; i < 32; i++) {
            assertThat(out[i]).isCloseTo(10f, EPS);
        }
    }

    @Test
    void resizingASetKeepsLabelsAndIdsAndSameSizeIsIdentity() {
        ImageSet set = new ImageSet("s", 1, 2, 2, new float[][] {{0, 1, 2, 3}, {1, 1, 1, 1}}, new int[] {4, 2},
                new String[] {"s#0", "s#1"}, List.of());
        ImageSet big = ImageTransforms.resize(set, 3, 5);
        assertThat(big.height()).isEqualTo(3);
        assertThat(big.width()).isEqualTo(5);
        assertThat(big.labels()).containsExactly(4, 2);
        assertThat(big.id(1)).isEqualTo("s#1");
        assertThat(big.image(1)).containsOnly(1f);
        assertThat(ImageTransforms.resize(set, 2, 2)).isSameAs(set);
    }

    @Test
    void wrongLengthIsRefused() {
        assertThatThrownBy(() -> ImageTransforms.resize(new float[3], 1, 2, 2, 4, 4))
                .hasMessageContaining("image has 3 values; expected 1x2x2");
    }

    @Test
    void onlyAResizeThatChangesTheAspectRatioIsWarnedAbout() {
        ImageSet digits = new ImageSet("digits", 1, 28, 28, new float[][] {new float[28 * 28]}, new int[] {0},
                new String[] {"digits#0"}, List.of());
        ImageSet wide = new ImageSet("wide.png", 1, 50, 100, new float[][] {new float[50 * 100]}, new int[] {0},
                new String[] {"wide.png"}, List.of());
        assertThat(ImageTransforms.stretchWarning(digits, 64, 64, "c")).isNull();
        assertThat(ImageTransforms.stretchWarning(wide, 32, 64, "c")).isNull();
        assertThat(ImageTransforms.stretchWarning(wide, 64, 64, "c")).startsWith("warning: wide.png is 100x50 pixels"
                + " (width x height) and is stretched to 64x64 for c's input");
    }
}
