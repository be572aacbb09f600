package io.cdeepex.report;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel look-ups for assertions on rendered images. */
final class Pixels {
    private Pixels() {}

    static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }

    /** Whether any pixel in the rectangle is within {@code tolerance} (per channel) of the colour. */
    static boolean contains(BufferedImage image, int x0, int y0, int width, int height, Color color, int tolerance) {
        for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y0 + height); y++) {
            for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x0 + width); x++) {
                Color c = at(image, x, y);
                if (Math.abs(c.getRed() - color.getRed()) <= tolerance
                        && Math.abs(c.getGreen() - color.getGreen()) <= tolerance
                        && Math.abs(c.getBlue() - color.getBlue()) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean contains(BufferedImage image, Color color, int tolerance) {
        return contains(image, 0, 0, image.getWidth(), image.getHeight(), color, tolerance);
    }

    /** Number of pixels in the rectangle darker than mid-grey (text, lines). */
    static int dark(BufferedImage image, int x0, int y0, int width, int height) {
        int n = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                Color c = at(image, x, y);
                if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) n++;
            }
        }
        return n;
    }
}
