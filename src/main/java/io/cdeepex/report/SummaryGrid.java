package io.cdeepex.report;

import io.cdeepex.explain.Explanation;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Many explanations in one picture: a title, the column titles once, then one {@link ExplanationPanel}
 * row per explanation. At most {@code maxRows} rows are drawn; the rest are counted in a "+N more" line.
 */
public final class SummaryGrid {
    public static final int DEFAULT_MAX_ROWS = 32;
    /** Longest tile side in grids: smaller than a single panel so 32 rows stay a sensible size. */
    public static final int TILE_SIZE = 128;

    private SummaryGrid() {}

    public static BufferedImage render(String title, List<Explanation> explanations) {
        return render(title, explanations, ClassLabels.indices(), DEFAULT_MAX_ROWS);
    }

    public static BufferedImage render(String title, List<Explanation> explanations, ClassLabels labels, int maxRows) {
        Objects.requireNonNull(explanations, "explanations");
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        List<BufferedImage> parts = new ArrayList<>();
        long satisfied = explanations.stream().filter(Explanation::satisfied).count();
        parts.add(Canvas.textBlock(Canvas.TITLE, List.of(title == null ? "" : title)));
        if (explanations.isEmpty()) {
            parts.add(Canvas.textBlock(Canvas.TEXT, List.of("no explanations")));
            return Canvas.stack(parts);
        }
        parts.add(Canvas.textBlock(Canvas.TEXT, List.of(explanations.size() + " explanations, " + satisfied
                + " with all constraints satisfied")));
        Explanation first = ExplanationCheck.valid(explanations.get(0));
        int shown = Math.min(maxRows, explanations.size());
        List<BufferedImage> rows = new ArrayList<>(shown);
        int width = 0;
        for (int k = 0; k < shown; k++) {
            Explanation e = ExplanationCheck.valid(explanations.get(k));
            BufferedImage row =
                    ExplanationPanel.row(e, labels, ImageRenderer.scaleFor(e.height(), e.width(), TILE_SIZE));
            rows.add(row);
            width = Math.max(width, row.getWidth());
        }
        int scale = ImageRenderer.scaleFor(first.height(), first.width(), TILE_SIZE);
        parts.add(ExplanationPanel.headers(first.width() * scale, width));
        parts.add(ExplanationPanel.legend(width));
        parts.addAll(rows);
        String more = moreLine(explanations.size(), shown);
        if (more != null) parts.add(Canvas.textBlock(Canvas.TITLE, List.of(more)));
        return Canvas.stack(parts);
    }

    /** "+N more (not shown)" when rows were cut, else null. */
    static String moreLine(int total, int shown) {
        return total > shown ? "+" + (total - shown) + " more (not shown)" : null;
    }
}
