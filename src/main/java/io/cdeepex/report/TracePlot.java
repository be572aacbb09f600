package io.cdeepex.report;

import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Trace;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;

/**
 * Line plot of a solver trace (the paper's Fig. 5b): p(true), p(probe) and p(strongest other) against
 * the iteration, on a fixed 0..1 probability axis. NaN values are left out (the line breaks there);
 * an empty trace gives a plot that says "no trace".
 */
public final class TracePlot {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    public static final Color TRUE_COLOR = new Color(31, 119, 180);
    public static final Color PROBE_COLOR = new Color(214, 39, 40);
    public static final Color OTHER_COLOR = new Color(44, 160, 44);

    static final int LEFT = 64;
    static final int RIGHT = WIDTH - 24;
    static final int TOP = 40;
    static final int BOTTOM = HEIGHT - 76;
    private static final Color GRID = new Color(232, 232, 232);

    private TracePlot() {}

    /** The explanation's trace, titled with image, method and question, classes named by {@code labels}. */
    public static BufferedImage render(Explanation e, ClassLabels labels) {
        Objects.requireNonNull(e, "explanation");
        String trueLabel = labels.label(e.trueClass());
        String probeLabel = labels.label(e.probeClass());
        String title = e.imageId() + " [" + e.method().id() + "]: why " + trueLabel + " and not " + probeLabel + "?";
        return render(e.trace() == null ? Trace.empty() : e.trace(), trueLabel, probeLabel, title);
    }

    /**
     * @param trueLabel  name of the true class, shown in the legend
     * @param probeLabel name of the probe class, shown in the legend
     */
    public static BufferedImage render(Trace trace, String trueLabel, String probeLabel, String title) {
        Objects.requireNonNull(trace, "trace");
        check(trace);
        BufferedImage image = Canvas.blank(WIDTH, HEIGHT);
        Graphics2D g = Canvas.graphics(image);
        Canvas.text(
                g, Canvas.TITLE, title, Math.max(Canvas.GAP, (WIDTH - Canvas.textWidth(Canvas.TITLE, title)) / 2), 10);
        if (trace.length() == 0) {
            g.setColor(Color.GRAY);
            g.drawRect(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP);
            g.setColor(Canvas.INK);
            String text = "no trace";
            Canvas.text(
                    g,
                    Canvas.TITLE,
                    text,
                    (LEFT + RIGHT - Canvas.textWidth(Canvas.TITLE, text)) / 2,
                    (TOP + BOTTOM) / 2 - 10);
            g.dispose();
            return image;
        }
        int[] it = trace.iterations();
        double from = min(it);
        double to = Math.max(max(it), from + 1);
        axes(g, from, to);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        series(g, it, trace.trueProbability(), from, to, TRUE_COLOR, null);
        series(g, it, trace.probeProbability(), from, to, PROBE_COLOR, null);
        series(g, it, trace.otherProbability(), from, to, OTHER_COLOR, new float[] {6, 4});
        legend(g, "p(true: " + trueLabel + ")", "p(probe: " + probeLabel + ")", "p(strongest other)");
        g.dispose();
        return image;
    }

    /** Horizontal pixel of an iteration on an axis that runs from {@code from} to {@code to}. */
    static double xPixel(double iteration, double from, double to) {
        return LEFT + (iteration - from) / (to - from) * (RIGHT - LEFT);
    }

    /** Vertical pixel of a probability (0 at the bottom of the plot area). */
    static double yPixel(double p) {
        return BOTTOM - Math.max(0, Math.min(1, p)) * (BOTTOM - TOP);
    }

    private static void axes(Graphics2D g, double from, double to) {
        for (int k = 0; k <= 5; k++) {
            double p = k / 5.0;
            int y = (int) Math.round(yPixel(p));
            g.setColor(GRID);
            g.drawLine(LEFT, y, RIGHT, y);
            g.setColor(Canvas.INK);
            g.drawLine(LEFT - 4, y, LEFT, y);
            String label = String.format(Locale.ROOT, "%.1f", p);
            Canvas.text(g, Canvas.SMALL, label, LEFT - 8 - Canvas.textWidth(Canvas.SMALL, label), y - 7);
        }
        double step = Math.max(1, niceStep((to - from) / 6)); // iterations are whole numbers
        for (double x = Math.ceil(from / step) * step; x <= to + 1e-9; x += step) {
            int px = (int) Math.round(xPixel(x, from, to));
            g.setColor(GRID);
            g.drawLine(px, TOP, px, BOTTOM);
            g.setColor(Canvas.INK);
            g.drawLine(px, BOTTOM, px, BOTTOM + 4);
            String label = String.valueOf(Math.round(x));
            Canvas.text(g, Canvas.SMALL, label, px - Canvas.textWidth(Canvas.SMALL, label) / 2, BOTTOM + 6);
        }
        g.setColor(Canvas.INK);
        g.drawRect(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP);
        String xLabel = "iteration";
        Canvas.text(g, Canvas.TEXT, xLabel, (LEFT + RIGHT - Canvas.textWidth(Canvas.TEXT, xLabel)) / 2, BOTTOM + 22);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        String yLabel = "probability";
        Canvas.text(g, Canvas.TEXT, yLabel, -(TOP + BOTTOM + Canvas.textWidth(Canvas.TEXT, yLabel)) / 2, 8);
        g.setTransform(saved);
    }

    /** Draws one series; a NaN or infinite value breaks the line, a point without finite neighbours becomes a dot. */
    private static void series(Graphics2D g, int[] it, float[] p, double from, double to, Color color, float[] dash) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
        Path2D.Double line = new Path2D.Double();
        for (int k = 0; k < p.length; k++) {
            if (!Float.isFinite(p[k])) continue;
            double x = xPixel(it[k], from, to);
            double y = yPixel(p[k]);
            boolean prev = k > 0 && Float.isFinite(p[k - 1]);
            boolean next = k + 1 < p.length && Float.isFinite(p[k + 1]);
            if (prev) {
                line.lineTo(x, y);
            } else if (next) {
                line.moveTo(x, y);
            } else {
                g.fill(new Ellipse2D.Double(x - 3.5, y - 3.5, 7, 7));
            }
        }
        g.draw(line);
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, String... names) {
        Color[] colors = {TRUE_COLOR, PROBE_COLOR, OTHER_COLOR};
        int x = LEFT;
        int top = BOTTOM + 44;
        for (int k = 0; k < names.length; k++) {
            g.setColor(colors[k]);
            g.fillRect(x, top + 6, 18, 4);
            g.setColor(Canvas.INK);
            Canvas.text(g, Canvas.TEXT, names[k], x + 24, top);
            x += 24 + Canvas.textWidth(Canvas.TEXT, names[k]) + 24;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0)) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static void check(Trace t) {
        int n = t.iterations() == null ? -1 : t.iterations().length;
        if (n < 0) throw new IllegalArgumentException("trace: field 'iterations' is null");
        same("trueProbability", t.trueProbability(), n);
        same("probeProbability", t.probeProbability(), n);
        same("otherProbability", t.otherProbability(), n);
    }

    private static void same(String field, float[] values, int n) {
        if (values == null || values.length != n) {
            throw new IllegalArgumentException(
                    "trace: field '" + field + "' has " + (values == null ? "no" : String.valueOf(values.length))
                            + " values, expected one per iteration = " + n);
        }
    }

    private static int min(int[] a) {
        int m = Integer.MAX_VALUE;
        for (int v : a) m = Math.min(m, v);
        return m;
    }

    private static int max(int[] a) {
        int m = Integer.MIN_VALUE;
        for (int v : a) m = Math.max(m, v);
        return m;
    }
}
