package io.cdeepex.report;

import io.cdeepex.explain.Explanation;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Turns C*H*W pixel arrays (values 0..1) and H*W difference maps into pictures, upscaled by an integer
 * factor with nearest neighbour so that 28- and 64-pixel images stay readable and every source pixel is
 * an exact square. The overlay follows the paper's Fig. 3: the input in grey, red where the difference
 * is positive (must be added to become the probe), blue where negative (must be removed), opacity
 * proportional to |difference| / max|difference|. Non-finite difference values count as zero.
 */
public final class ImageRenderer {
    /** Longest side, in pixels, that {@link #scaleFor(int, int)} aims for. */
    public static final int TARGET_SIZE = 256;
    /** Caption that explains the overlay colours. */
    public static final String LEGEND = "red = added, blue = removed";
    /** Colour of "must be added" (positive difference). */
    public static final Color ADDED = new Color(255, 0, 0);
    /** Colour of "must be removed" (negative difference). */
    public static final Color REMOVED = new Color(0, 0, 255);

    private ImageRenderer() {}

    /** The largest integer scale that keeps the longest side at or under {@link #TARGET_SIZE} (at least 1). */
    public static int scaleFor(int height, int width) {
        return scaleFor(height, width, TARGET_SIZE);
    }

    /** The largest integer scale that keeps the longest side at or under {@code target} pixels (at least 1). */
    public static int scaleFor(int height, int width, int target) {
        return Math.max(1, target / Math.max(1, Math.max(height, width)));
    }

    /** The image as seen: colour when C = 3, grey otherwise (other channel counts are averaged). */
    public static BufferedImage image(float[] chw, int channels, int height, int width, int scale) {
        checkImage(chw, channels, height, width, scale);
        if (channels != 3) return grey(chw, channels, height, width, scale);
        int plane = height * width;
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int i = row * width + col;
                fill(out, col, row, scale, Canvas.rgb(to255(chw[i]), to255(chw[plane + i]), to255(chw[2 * plane + i])));
            }
        }
        return out;
    }

    /** The image in grey (luminance for C = 3, channel mean for other C). */
    public static BufferedImage grey(float[] chw, int channels, int height, int width, int scale) {
        checkImage(chw, channels, height, width, scale);
        float[] grey = toGrey(chw, channels, height, width);
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grey.length; i++) {
            int v = to255(grey[i]);
            fill(out, i % width, i / width, scale, Canvas.rgb(v, v, v));
        }
        return out;
    }

    /** The difference map drawn over the grey input: red = added, blue = removed (see class comment). */
    public static BufferedImage overlay(
            float[] chw, int channels, int height, int width, float[] difference, int scale) {
        checkImage(chw, channels, height, width, scale);
        checkMap(difference, height, width);
        float[] grey = toGrey(chw, channels, height, width);
        double max = maxAbs(difference);
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grey.length; i++) {
            int g = to255(grey[i]);
            double d = finiteOrZero(difference[i]);
            double a = max == 0 ? 0 : Math.abs(d) / max;
            Color target = d > 0 ? ADDED : REMOVED;
            int rgb = a == 0 ? Canvas.rgb(g, g, g) : Canvas.rgb(
                    blend(g, target.getRed(), a), blend(g, target.getGreen(), a), blend(g, target.getBlue(), a));
            fill(out, i % width, i / width, scale, rgb);
        }
        return out;
    }

    /** {@link #overlay(float[], int, int, int, float[], int)} of the explanation's input and difference. */
    public static BufferedImage overlay(Explanation e, int scale) {
        ExplanationCheck.valid(e);
        return overlay(e.input(), e.channels(), e.height(), e.width(), e.difference(), scale);
    }

    /**
     * The difference map alone on a diverging scale: white at zero, red for positive, blue for negative,
     * saturated at max|difference|.
     */
    public static BufferedImage heatmap(float[] difference, int height, int width, int scale) {
        checkMap(difference, height, width);
        checkScale(scale);
        double max = maxAbs(difference);
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < difference.length; i++) {
            double d = finiteOrZero(difference[i]);
            double a = max == 0 ? 0 : Math.abs(d) / max;
            int fade = (int) Math.round(255 * (1 - a));
            int rgb = d > 0 ? Canvas.rgb(255, fade, fade) : Canvas.rgb(fade, fade, 255);
            fill(out, i % width, i / width, scale, rgb);
        }
        return out;
    }

    /** The image with the colour {@link #legend()} centred below it. */
    public static BufferedImage withLegend(BufferedImage image) {
        BufferedImage legend = legend();
        int width = Math.max(image.getWidth(), legend.getWidth());
        BufferedImage out = Canvas.blank(width, image.getHeight() + legend.getHeight());
        Graphics2D g = out.createGraphics();
        g.drawImage(image, (width - image.getWidth()) / 2, 0, null);
        g.drawImage(legend, (width - legend.getWidth()) / 2, image.getHeight(), null);
        g.dispose();
        return out;
    }

    /** A small strip: a red swatch "added" and a blue swatch "removed" (the overlay's colours). */
    public static BufferedImage legend() {
        int swatch = Canvas.SMALL.getSize();
        String added = "added";
        String removed = "removed";
        int width =
                2 * (swatch + 4) + Canvas.textWidth(Canvas.SMALL, added) + Canvas.textWidth(Canvas.SMALL, removed) + 12;
        BufferedImage out = Canvas.blank(width + 2 * Canvas.GAP, Canvas.lineHeight(Canvas.SMALL) + Canvas.GAP);
        Graphics2D g = Canvas.graphics(out);
        int x = swatch(g, Canvas.GAP, Canvas.GAP, swatch, ADDED, added);
        swatch(g, x + 12, Canvas.GAP, swatch, REMOVED, removed);
        g.dispose();
        return out;
    }

    private static int swatch(Graphics2D g, int x, int top, int size, Color color, String label) {
        g.setColor(color);
        g.fillRect(x, top + 2, size, size);
        g.setColor(Canvas.INK);
        Canvas.text(g, Canvas.SMALL, label, x + size + 4, top);
        return x + size + 4 + Canvas.textWidth(Canvas.SMALL, label);
    }

    /** Grey values of a C*H*W image: the channel itself for C = 1, luminance for C = 3, the mean otherwise. */
    static float[] toGrey(float[] chw, int channels, int height, int width) {
        int plane = height * width;
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            if (channels == 1) {
                grey[i] = chw[i];
            } else if (channels == 3) {
                grey[i] = 0.299f * clamp01(chw[i])
                        + 0.587f * clamp01(chw[plane + i])
                        + 0.114f * clamp01(chw[2 * plane + i]);
            } else {
                float sum = 0;
                for (int c = 0; c < channels; c++) sum += clamp01(chw[c * plane + i]);
                grey[i] = sum / channels;
            }
        }
        return grey;
    }

    /** Pixel value 0..1 to 0..255; NaN is black, out-of-range values are clipped. */
    static int to255(float v) {
        return Math.round(clamp01(v) * 255f);
    }

    private static float clamp01(float v) {
        return Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
    }

    private static int blend(int from, int to, double alpha) {
        return (int) Math.round(from * (1 - alpha) + to * alpha);
    }

    private static double finiteOrZero(float v) {
        return Float.isFinite(v) ? v : 0;
    }

    static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            if (Float.isFinite(v)) max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static void fill(BufferedImage out, int col, int row, int scale, int rgb) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                out.setRGB(col * scale + dx, row * scale + dy, rgb);
            }
        }
    }

    private static void checkImage(float[] chw, int channels, int height, int width, int scale) {
        checkScale(scale);
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (chw == null || chw.length != channels * height * width) {
            throw new IllegalArgumentException(
                    "image has " + (chw == null ? "no" : chw.length) + " values, expected " + "channels*height*width = "
                            + channels + "x" + height + "x" + width + " = " + channels * height * width);
        }
    }

    private static void checkMap(float[] map, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("difference map shape must be positive, got " + height + "x" + width);
        }
        if (map == null || map.length != height * width) {
            throw new IllegalArgumentException("difference map has " + (map == null ? "no" : map.length)
                    + " values, expected height*width = " + height + "x" + width + " = " + height * width);
        }
    }

    private static void checkScale(int scale) {
        if (scale < 1) throw new IllegalArgumentException("scale must be >= 1, got " + scale);
    }
}
