package io.cdeepex.report;

import io.cdeepex.explain.Explanation;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Methods side by side, like the paper's Fig. 3/4/6: one row per question (image, true class, probe
 * class), the input in the first column and each method's overlay in its own column, with p(true) /
 * p(probe) after and whether the constraints hold under each overlay. Rows are matched by question,
 * not by list position, so methods may answer different subsets; a missing answer is an "n/a" tile.
 */
public final class MethodComparisonGrid {
    private MethodComparisonGrid() {}

    /** Columns in the map's iteration order (use a {@link LinkedHashMap} to fix it). */
    public static BufferedImage render(String title, Map<String, List<Explanation>> byMethod) {
        return render(title, byMethod, ClassLabels.indices(), SummaryGrid.DEFAULT_MAX_ROWS);
    }

    public static BufferedImage render(
            String title, Map<String, List<Explanation>> byMethod, ClassLabels labels, int maxRows) {
        Objects.requireNonNull(byMethod, "byMethod");
        return render(title, new ArrayList<>(byMethod.keySet()), new ArrayList<>(byMethod.values()), labels, maxRows);
    }

    /**
     * @param methodNames column titles, one per list in {@code byMethod}
     * @param byMethod    each method's explanations
     */
    public static BufferedImage render(String title, List<String> methodNames, List<List<Explanation>> byMethod,
                                       ClassLabels labels, int maxRows) {
        if (methodNames.size() != byMethod.size()) {
            throw new IllegalArgumentException(
                    methodNames.size() + " method names for " + byMethod.size() + " lists of explanations");
        }
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        Map<Question, Explanation[]> rows = rows(byMethod);
        List<BufferedImage> parts = new ArrayList<>();
        parts.add(Canvas.textBlock(Canvas.TITLE, List.of(title == null ? "" : title)));
        if (rows.isEmpty()) {
            parts.add(Canvas.textBlock(Canvas.TEXT, List.of("no explanations")));
            return Canvas.stack(parts);
        }
        List<Map.Entry<Question, Explanation[]>> shown =
                new ArrayList<>(rows.entrySet()).subList(0, Math.min(maxRows, rows.size()));
        parts.add(Canvas.textBlock(Canvas.SMALL, List.of(
                "under each overlay: p(true) / p(probe) at the solution; sat = all constraints hold")));
        int tile = tileSize(shown);
        int labelWidth = 0;
        for (Map.Entry<Question, Explanation[]> row : shown) {
            for (String s : rowLabel(row.getKey(), labels))
                labelWidth = Math.max(labelWidth, Canvas.textWidth(Canvas.TEXT, s));
        }
        int cellWidth = tile;
        for (String name : methodNames) cellWidth = Math.max(cellWidth, Canvas.textWidth(Canvas.SMALL, name));
        cellWidth = Math.max(cellWidth, Canvas.textWidth(Canvas.SMALL, "0.000 / 0.000 unsat"));
        List<String> headers = new ArrayList<>();
        headers.add("input");
        headers.addAll(methodNames);
        parts.add(header(headers, labelWidth, cellWidth));
        for (Map.Entry<Question, Explanation[]> row : shown) {
            parts.add(row(row.getKey(), row.getValue(), labels, labelWidth, cellWidth, tile));
        }
        parts.add(ExplanationPanel.legend(1));
        String more = SummaryGrid.moreLine(rows.size(), shown.size());
        if (more != null) parts.add(Canvas.textBlock(Canvas.TITLE, List.of(more)));
        return Canvas.stack(parts);
    }

    /** Which question an explanation answers; rows of the grid. */
    record Question(String imageId, int trueClass, int probeClass) {
        static Question of(Explanation e) {
            return new Question(e.imageId(), e.trueClass(), e.probeClass());
        }
    }

    /** Questions in first-seen order, each with one slot per method. */
    static Map<Question, Explanation[]> rows(List<List<Explanation>> byMethod) {
        Map<Question, Explanation[]> rows = new LinkedHashMap<>();
        for (int m = 0; m < byMethod.size(); m++) {
            for (Explanation e : Objects.requireNonNull(byMethod.get(m), "explanations of method column " + m)) {
                ExplanationCheck.valid(e);
                rows.computeIfAbsent(Question.of(e), q -> new Explanation[byMethod.size()])[m] = e;
            }
        }
        return rows;
    }

    private static List<String> rowLabel(Question q, ClassLabels labels) {
        return List.of(q.imageId(), labels.label(q.trueClass()) + " -> " + labels.label(q.probeClass()));
    }

    private static int tileSize(List<Map.Entry<Question, Explanation[]>> shown) {
        int tile = 1;
        for (Map.Entry<Question, Explanation[]> row : shown) {
            for (Explanation e : row.getValue()) {
                if (e != null) {
                    int scale = ImageRenderer.scaleFor(e.height(), e.width(), SummaryGrid.TILE_SIZE);
                    tile = Math.max(tile, Math.max(e.height(), e.width()) * scale);
                }
            }
        }
        return tile;
    }

    private static BufferedImage header(List<String> titles, int labelWidth, int cellWidth) {
        BufferedImage out = Canvas.blank(labelWidth + 2 * Canvas.GAP + titles.size() * (cellWidth + Canvas.GAP),
                Canvas.lineHeight(Canvas.SMALL) + Canvas.GAP);
        Graphics2D g = Canvas.graphics(out);
        int x = labelWidth + 2 * Canvas.GAP;
        for (String t : titles) {
            Canvas.text(
                    g,
                    Canvas.SMALL,
                    t,
                    x + Math.max(0, (cellWidth - Canvas.textWidth(Canvas.SMALL, t)) / 2),
                    Canvas.GAP);
            x += cellWidth + Canvas.GAP;
        }
        g.dispose();
        return out;
    }

    private static BufferedImage row(
            Question q, Explanation[] cells, ClassLabels labels, int labelWidth, int cellWidth, int tile) {
        int line = Canvas.lineHeight(Canvas.SMALL);
        BufferedImage out = Canvas.blank(labelWidth + 2 * Canvas.GAP + (cells.length + 1) * (cellWidth + Canvas.GAP),
                tile + line + 2 * Canvas.GAP);
        Graphics2D g = Canvas.graphics(out);
        List<String> label = rowLabel(q, labels);
        for (int k = 0; k < label.size(); k++) {
            Canvas.text(g, Canvas.TEXT, label.get(k), Canvas.GAP, Canvas.GAP + k * Canvas.lineHeight(Canvas.TEXT));
        }
        int x = labelWidth + 2 * Canvas.GAP;
        Explanation any = null;
        for (Explanation e : cells) if (any == null) any = e;
        BufferedImage input = ImageRenderer.image(any.input(), any.channels(), any.height(), any.width(),
                ImageRenderer.scaleFor(any.height(), any.width(), tile));
        g.drawImage(input, x + (cellWidth - input.getWidth()) / 2, Canvas.GAP, null);
        for (Explanation e : cells) {
            x += cellWidth + Canvas.GAP;
            BufferedImage picture = e == null ? Canvas.placeholder(tile, tile, "n/a")
                    : ImageRenderer.overlay(e, ImageRenderer.scaleFor(e.height(), e.width(), tile));
            g.drawImage(picture, x + (cellWidth - picture.getWidth()) / 2, Canvas.GAP, null);
            if (e != null) {
                String text = Captions.cell(e);
                Canvas.text(
                        g,
                        Canvas.SMALL,
                        text,
                        x + Math.max(0, (cellWidth - Canvas.textWidth(Canvas.SMALL, text)) / 2),
                        Canvas.GAP + tile);
            }
        }
        g.dispose();
        return out;
    }
}
