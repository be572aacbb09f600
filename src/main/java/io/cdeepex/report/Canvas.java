package io.cdeepex.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.util.List;

/** Shared Java2D plumbing: blank RGB canvases, fonts, text measuring, placeholder tiles. */
final class Canvas {
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(30, 30, 30);
    static final int GAP = 4;

    /** Matches {@link #graphics}: anti-aliased text, integer (not fractional) metrics. */
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, false);

    private Canvas() {}

    /** A white RGB image (no alpha: PNG viewers and Allure show it the same everywhere). */
    static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        return image;
    }

    /** Graphics with anti-aliased text; the caller disposes it. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(TEXT);
        g.setColor(INK);
        return g;
    }

    static int textWidth(Font font, String text) {
        return (int) Math.ceil(font.getStringBounds(text, MEASURE).getWidth()) + 2;
    }

    /** Height of one line of text in this font, with leading. */
    static int lineHeight(Font font) {
        return (int) Math.ceil(font.getSize2D() * 1.4);
    }

    /** Draws text with its top-left corner at (x, top). */
    static void text(Graphics2D g, Font font, String text, int x, int top) {
        g.setFont(font);
        g.drawString(text, x, top + Math.round(font.getSize2D()));
    }

    /** A light grey tile saying why there is no image (e.g. a method without a generator). */
    static BufferedImage placeholder(int width, int height, String text) {
        BufferedImage image = blank(width, height);
        Graphics2D g = graphics(image);
        g.setColor(new Color(225, 225, 225));
        g.fillRect(0, 0, width, height);
        g.setColor(INK);
        int x = Math.max(0, (width - textWidth(SMALL, text)) / 2);
        text(g, SMALL, text, x, Math.max(0, height / 2 - lineHeight(SMALL) / 2));
        g.dispose();
        return image;
    }

    /** Images one below the other, left-aligned, on a white canvas as wide as the widest. */
    static BufferedImage stack(List<BufferedImage> parts) {
        int width = 1;
        int height = 0;
        for (BufferedImage p : parts) {
            width = Math.max(width, p.getWidth());
            height += p.getHeight();
        }
        BufferedImage out = blank(width, height);
        Graphics2D g = out.createGraphics();
        int y = 0;
        for (BufferedImage p : parts) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        return out;
    }

    /** Lines of text in one font, as an image just large enough for them. */
    static BufferedImage textBlock(Font font, List<String> lines) {
        int width = 0;
        for (String s : lines) width = Math.max(width, textWidth(font, s));
        int line = lineHeight(font);
        BufferedImage out = blank(width + 2 * GAP, lines.size() * line + GAP);
        Graphics2D g = graphics(out);
        for (int k = 0; k < lines.size(); k++) text(g, font, lines.get(k), GAP, GAP + k * line);
        g.dispose();
        return out;
    }

    /** Packs 0..255 channels into an RGB int. */
    static int rgb(int r, int g, int b) {
        return (clamp255(r) << 16) | (clamp255(g) << 8) | clamp255(b);
    }

    private static int clamp255(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
