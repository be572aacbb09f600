package io.cdeepex.report;

import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRendererTest {

    @Test
    void scaleKeepsTheLongestSideNearTheTarget() {
        assertThat(ImageRenderer.scaleFor(28, 28)).isEqualTo(9);
        assertThat(ImageRenderer.scaleFor(64, 64)).isEqualTo(4);
        assertThat(ImageRenderer.scaleFor(300, 200)).isEqualTo(1);
        assertThat(ImageRenderer.scaleFor(28, 28, 128)).isEqualTo(4);
    }

    @Test
    void greyImageIsUpscaledWithNearestNeighbour() {
        float[] input = {0f, 1f, 0.5f, 0.25f, 0f, 0f};
        BufferedImage image = ImageRenderer.grey(input, 1, 2, 3, 5);
        assertThat(image.getWidth()).isEqualTo(15);
        assertThat(image.getHeight()).isEqualTo(10);
        // source pixel (col 1, row 0) = 1.0 covers x 5..9, y 0..4
        assertThat(Pixels.at(image, 5, 0)).isEqualTo(Color.WHITE);
        assertThat(Pixels.at(image, 9, 4)).isEqualTo(Color.WHITE);
        assertThat(Pixels.at(image, 10, 4)).isEqualTo(new Color(128, 128, 128));
        assertThat(Pixels.at(image, 4, 4)).isEqualTo(Color.BLACK);
    }

    @Test
    void overlayIsRedWhereAddedBlueWhereRemovedAndGreyElsewhere() {
        Explanation e = SyntheticExplanations.digit("bar");
        BufferedImage overlay = ImageRenderer.overlay(e, 1);
        assertThat(overlay.getWidth()).isEqualTo(28);

        Color added = Pixels.at(overlay, 2, 2);       // difference +1 = max|difference|: full red
        assertThat(added.getRed()).isGreaterThan(added.getBlue());
        assertThat(added).isEqualTo(new Color(255, 0, 0));

        Color removed = Pixels.at(overlay, 24, 24);   // difference -0.5: half-opaque blue over black
        assertThat(removed.getBlue()).isGreaterThan(removed.getRed());
        assertThat(removed).isEqualTo(new Color(0, 0, 128));

        Color bar = Pixels.at(overlay, 13, 10);        // difference 0 on the bar: grey 0.8 untouched
        assertThat(bar).isEqualTo(new Color(204, 204, 204));
        Color background = Pixels.at(overlay, 20, 2);  // difference 0 on black
        assertThat(background).isEqualTo(Color.BLACK);
    }

    @Test
    void overlayOpacityIsProportionalToTheDifference() {
        float[] input = SyntheticExplanations.filled(4, 0.5f);
        float[] difference = {2f, 1f, -0.5f, 0f};
        BufferedImage overlay = ImageRenderer.overlay(input, 1, 1, 4, difference, 1);
        // grey 128 blended towards red with alpha 1, 0.5; towards blue with alpha 0.25
        assertThat(Pixels.at(overlay, 0, 0)).isEqualTo(new Color(255, 0, 0));
        assertThat(Pixels.at(overlay, 1, 0)).isEqualTo(new Color(192, 64, 64));
        assertThat(Pixels.at(overlay, 2, 0)).isEqualTo(new Color(96, 96, 160));
        assertThat(Pixels.at(overlay, 3, 0)).isEqualTo(new Color(128, 128, 128));
    }

    @Test
    void nonFiniteDifferencesCountAsZero() {
        float[] input = SyntheticExplanations.filled(3, 0.5f);
        float[] difference = {Float.NaN, Float.POSITIVE_INFINITY, -1f};
        BufferedImage overlay = ImageRenderer.overlay(input, 1, 1, 3, difference, 1);
        assertThat(Pixels.at(overlay, 0, 0)).isEqualTo(new Color(128, 128, 128));
        assertThat(Pixels.at(overlay, 1, 0)).isEqualTo(new Color(128, 128, 128));
        assertThat(Pixels.at(overlay, 2, 0)).isEqualTo(new Color(0, 0, 255));
    }

    @Test
    void allZeroDifferenceLeavesThePlainGreyImage() {
        float[] input = {0.1f, 0.9f};
        BufferedImage overlay = ImageRenderer.overlay(input, 1, 1, 2, new float[2], 3);
        BufferedImage grey = ImageRenderer.grey(input, 1, 1, 2, 3);
        for (int x = 0; x < 6; x++) assertThat(overlay.getRGB(x, 1)).isEqualTo(grey.getRGB(x, 1));
    }

    @Test
    void colourInputsAreShownInColourAndOverlaidOnTheirLuminance() {
        // 1x2 RGB image: pixel 0 pure red, pixel 1 pure green (planes R, G, B)
        float[] rgb = {1f, 0f, 0f, 1f, 0f, 0f};
        Explanation e = SyntheticExplanations.of("rgb", Method.XGEMS, 3, 1, 2, rgb, new float[] {0f, -1f});
        assertThat(Pixels.at(ImageRenderer.image(rgb, 3, 1, 2, 1), 0, 0)).isEqualTo(Color.RED);
        BufferedImage overlay = ImageRenderer.overlay(e, 2);
        assertThat(overlay.getWidth()).isEqualTo(4);
        assertThat(Pixels.at(overlay, 0, 0)).isEqualTo(new Color(76, 76, 76)); // 0.299 * 255
        assertThat(Pixels.at(overlay, 3, 1)).isEqualTo(new Color(0, 0, 255));
    }

    @Test
    void heatmapIsWhiteAtZeroRedForAddedBlueForRemoved() {
        BufferedImage heat = ImageRenderer.heatmap(new float[] {1f, -1f, 0f, 0.5f}, 2, 2, 1);
        assertThat(Pixels.at(heat, 0, 0)).isEqualTo(new Color(255, 0, 0));
        assertThat(Pixels.at(heat, 1, 0)).isEqualTo(new Color(0, 0, 255));
        assertThat(Pixels.at(heat, 0, 1)).isEqualTo(Color.WHITE);
        Color half = Pixels.at(heat, 1, 1);
        assertThat(half.getRed()).isEqualTo(255);
        assertThat(half.getBlue()).isBetween(120, 135);
    }

    @Test
    void legendShowsBothColoursBelowTheImage() {
        BufferedImage overlay = ImageRenderer.overlay(SyntheticExplanations.digit("d"), 9);
        BufferedImage withLegend = ImageRenderer.withLegend(overlay);
        assertThat(withLegend.getHeight()).isGreaterThan(overlay.getHeight());
        int strip = overlay.getHeight();
        int height = withLegend.getHeight() - strip;
        assertThat(Pixels.contains(withLegend, 0, strip, withLegend.getWidth(), height, ImageRenderer.ADDED, 0))
                .isTrue();
        assertThat(Pixels.contains(withLegend, 0, strip, withLegend.getWidth(), height, ImageRenderer.REMOVED, 0))
                .isTrue();
        assertThat(Pixels.dark(withLegend, 0, strip, withLegend.getWidth(), height))
                .as("legend text")
                .isGreaterThan(10);
    }

    @Test
    void wrongDifferenceLengthNamesImageFieldAndExpectedSize() {
        Explanation bad = SyntheticExplanations.grey("mnist#7", 28, 28, new float[784], new float[100]);
        assertThatThrownBy(() -> ImageRenderer.overlay(bad, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mnist#7").hasMessageContaining("'difference'")
                .hasMessageContaining("100").hasMessageContaining("784");
        assertThatThrownBy(() -> ImageRenderer.grey(new float[5], 1, 2, 3, 1))
                .hasMessageContaining("5 values").hasMessageContaining("6");
        assertThatThrownBy(() -> ImageRenderer.grey(new float[6], 1, 2, 3, 0)).hasMessageContaining("scale");
    }
}
