package io.cdeepex.report;

import io.cdeepex.explain.Explanation;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One explanation as one picture: input | reconstruction G(z0) | probe side G(ze) corrected | overlay,
 * with a caption (image id, true -> probe, probabilities before -> after, whether the constraints hold).
 */
public final class ExplanationPanel {
    /** Column titles, left to right. */
    public static final List<String> COLUMNS = List.of("input", "G(z0) reconstruction", "G(ze) corrected", "overlay");

    private ExplanationPanel() {}

    /** Full-size panel with column titles and colour legend, class indices as labels. */
    public static BufferedImage render(Explanation e) {
        return render(e, ClassLabels.indices());
    }

    public static BufferedImage render(Explanation e, ClassLabels labels) {
        ExplanationCheck.valid(e);
        return render(e, labels, ImageRenderer.scaleFor(e.height(), e.width()));
    }

    /** Panel with tiles upscaled by {@code scale}, column titles above and the colour legend below. */
    public static BufferedImage render(Explanation e, ClassLabels labels, int scale) {
        BufferedImage row = row(e, labels, scale);
        BufferedImage head = headers(e.width() * scale, row.getWidth());
        BufferedImage legend = legend(row.getWidth());
        BufferedImage out = Canvas.blank(row.getWidth(), head.getHeight() + row.getHeight() + legend.getHeight());
        Graphics2D g = out.createGraphics();
        g.drawImage(head, 0, 0, null);
        g.drawImage(row, 0, head.getHeight(), null);
        g.drawImage(legend, 0, head.getHeight() + row.getHeight(), null);
        g.dispose();
        return out;
    }

    /** The four tiles of an explanation, each upscaled by {@code scale}; missing images become "n/a" tiles. */
    static List<BufferedImage> tiles(Explanation e, int scale) {
        ExplanationCheck.valid(e);
        int w = e.width() * scale;
        int h = e.height() * scale;
        List<BufferedImage> tiles = new ArrayList<>(4);
        tiles.add(ImageRenderer.image(e.input(), e.channels(), e.height(), e.width(), scale));
        tiles.add(e.reconstruction() == null ? Canvas.placeholder(w, h, "n/a")
                : ImageRenderer.image(e.reconstruction(), e.channels(), e.height(), e.width(), scale));
        tiles.add(e.probeSideCorrected() == null ? Canvas.placeholder(w, h, "n/a")
                : ImageRenderer.image(e.probeSideCorrected(), e.channels(), e.height(), e.width(), scale));
        tiles.add(ImageRenderer.overlay(e, scale));
        return tiles;
    }

    /** Caption lines above the four tiles, no column titles (grids draw those once). */
    static BufferedImage row(Explanation e, ClassLabels labels, int scale) {
        List<BufferedImage> tiles = tiles(e, scale);
        List<String> caption = Captions.lines(e, labels);
        int line = Canvas.lineHeight(Canvas.TEXT);
        int tilesWidth = tilesWidth(tiles);
        int textWidth = 0;
        for (String s : caption) textWidth = Math.max(textWidth, Canvas.textWidth(Canvas.TEXT, s));
        int width = Math.max(tilesWidth, textWidth) + 2 * Canvas.GAP;
        int captionHeight = caption.size() * line + Canvas.GAP;
        BufferedImage out = Canvas.blank(width, captionHeight + tiles.get(0).getHeight() + 2 * Canvas.GAP);
        Graphics2D g = Canvas.graphics(out);
        for (int k = 0; k < caption.size(); k++) {
            Canvas.text(g, Canvas.TEXT, caption.get(k), Canvas.GAP, Canvas.GAP + k * line);
        }
        int x = Canvas.GAP;
        for (BufferedImage tile : tiles) {
            g.drawImage(tile, x, captionHeight + Canvas.GAP, null);
            x += tile.getWidth() + Canvas.GAP;
        }
        g.dispose();
        return out;
    }

    /** Column titles centred over the positions of tiles {@code tileWidth} wide in {@link #row}. */
    static BufferedImage headers(int tileWidth, int width) {
        int line = Canvas.lineHeight(Canvas.SMALL);
        BufferedImage out = Canvas.blank(width, line + Canvas.GAP);
        Graphics2D g = Canvas.graphics(out);
        int x = Canvas.GAP;
        for (String title : COLUMNS) {
            Canvas.text(
                    g,
                    Canvas.SMALL,
                    title,
                    x + Math.max(0, (tileWidth - Canvas.textWidth(Canvas.SMALL, title)) / 2),
                    Canvas.GAP);
            x += tileWidth + Canvas.GAP;
        }
        g.dispose();
        return out;
    }

    /** A strip with the overlay's colour legend. */
    static BufferedImage legend(int width) {
        BufferedImage swatches = ImageRenderer.legend();
        BufferedImage out = Canvas.blank(Math.max(width, swatches.getWidth()), swatches.getHeight());
        Graphics2D g = out.createGraphics();
        g.drawImage(swatches, 0, 0, null);
        g.dispose();
        return out;
    }

    private static int tilesWidth(List<BufferedImage> tiles) {
        int w = (tiles.size() - 1) * Canvas.GAP;
        for (BufferedImage t : tiles) w += t.getWidth();
        return w;
    }
}
