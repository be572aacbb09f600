package io.cdeepex.explain.baseline;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * SLIC superpixels (Achanta et al. 2012) of one image, the segments LIME switches on and off: k-means on
 * (intensity, row, col), intensity being the mean over channels, from seeds on a regular grid of about the target
 * count. Each centre looks only at pixels within one grid step S of it; the distance is
 * {@code sqrt(dIntensity^2 + (compactness * dSpace / S)^2)}, so a low compactness lets boundaries follow intensity
 * edges (an intensity step of 1 outweighs a spatial offset of S / compactness). Afterwards every 4-connected piece
 * becomes its own segment and pieces smaller than a quarter of a grid cell join the neighbour found before them in
 * scan order, so every segment is connected and non-empty. Deterministic: no random numbers.
 *
 * @param labels per pixel (H*W, row-major) its segment 0..count-1
 * @param count  number of segments
 */
public record Superpixels(int[] labels, int count) {

    /** Intensity step worth one grid step of distance: 0.1 keeps a 0-to-1 edge a boundary across 10 grid steps. */
    public static final double DEFAULT_COMPACTNESS = 0.1;
    /** k-means rounds; SLIC converges in about ten. */
    static final int ITERATIONS = 10;

    /** Segments of a C*H*W image with values in 0..1, about {@code target} of them. */
    public static Superpixels of(float[] image, int channels, int height, int width, int target) {
        return of(image, channels, height, width, target, DEFAULT_COMPACTNESS);
    }

    public static Superpixels of(float[] image, int channels, int height, int width, int target, double compactness) {
        int hw = height * width;
        if (channels < 1 || height < 1 || width < 1 || image.length != channels * hw) {
            throw new IllegalArgumentException("superpixels expected a C*H*W image of " + channels + "x" + height + "x"
                    + width + " values, got " + image.length);
        }
        if (target < 1) throw new IllegalArgumentException("superpixels need a target count >= 1, got " + target);
        if (!(compactness > 0)) throw new IllegalArgumentException("compactness must be > 0, got " + compactness);

        float[] intensity = new float[hw];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < hw; p++) intensity[p] += image[c * hw + p] / channels;
        }

        double step = Math.sqrt((double) hw / target);
        int rows = Math.max(1, Math.min(height, (int) Math.round(height / step)));
        int cols = Math.max(1, Math.min(width, (int) Math.round(width / step)));
        int k = rows * cols;
        double s = Math.sqrt((double) hw / k);
        double[] cy = new double[k];
        double[] cx = new double[k];
        double[] ci = new double[k];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int y = (int) ((r + 0.5) * height / rows);
                int x = (int) ((c + 0.5) * width / cols);
                int moved = lowestGradient(intensity, height, width, y, x);
                int j = r * cols + c;
                cy[j] = moved / width;
                cx[j] = moved % width;
                ci[j] = intensity[moved];
            }
        }

        int[] label = new int[hw];
        double[] best = new double[hw];
        double spatial = (compactness / s) * (compactness / s);
        int reach = (int) Math.ceil(s);
        for (int it = 0; it < ITERATIONS; it++) {
            Arrays.fill(label, -1);
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int j = 0; j < k; j++) {
                int y0 = Math.max(0, (int) Math.floor(cy[j] - reach));
                int y1 = Math.min(height - 1, (int) Math.ceil(cy[j] + reach));
                int x0 = Math.max(0, (int) Math.floor(cx[j] - reach));
                int x1 = Math.min(width - 1, (int) Math.ceil(cx[j] + reach));
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        int p = y * width + x;
                        double d = distance(intensity[p], y, x, ci[j], cy[j], cx[j], spatial);
                        if (d < best[p]) {
                            best[p] = d;
                            label[p] = j;
                        }
                    }
                }
            }
            // a pixel no window reached (centres drift) goes to the nearest centre of all
            for (int p = 0; p < hw; p++) {
                if (label[p] >= 0) continue;
                for (int j = 0; j < k; j++) {
                    double d = distance(intensity[p], p / width, p % width, ci[j], cy[j], cx[j], spatial);
                    if (d < best[p]) {
                        best[p] = d;
                        label[p] = j;
                    }
                }
            }
            double[] sy = new double[k], sx = new double[k], si = new double[k];
            int[] n = new int[k];
            for (int p = 0; p < hw; p++) {
                int j = label[p];
                sy[j] += p / width;
                sx[j] += p % width;
                si[j] += intensity[p];
                n[j]++;
            }
            for (int j = 0; j < k; j++) {
                if (n[j] == 0) continue; // an empty cluster keeps its centre
                cy[j] = sy[j] / n[j];
                cx[j] = sx[j] / n[j];
                ci[j] = si[j] / n[j];
            }
        }
        return connected(label, height, width, Math.max(1, hw / (4 * k)));
    }

    /** Pixels of one segment. */
    public int size(int segment) {
        int n = 0;
        for (int l : labels) if (l == segment) n++;
        return n;
    }

    private static double distance(double i, int y, int x, double ci, double cy, double cx, double spatial) {
        double di = i - ci;
        double dy = y - cy;
        double dx = x - cx;
        return di * di + spatial * (dy * dy + dx * dx);
    }

    /** SLIC's seed move: the lowest-gradient pixel of the 3x3 neighbourhood, so no seed starts on an edge. */
    private static int lowestGradient(float[] intensity, int height, int width, int y, int x) {
        int best = y * width + x;
        double lowest = Double.POSITIVE_INFINITY;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
                double gy = at(intensity, height, width, yy + 1, xx) - at(intensity, height, width, yy - 1, xx);
                double gx = at(intensity, height, width, yy, xx + 1) - at(intensity, height, width, yy, xx - 1);
                double g = gy * gy + gx * gx;
                if (g < lowest) {
                    lowest = g;
                    best = yy * width + xx;
                }
            }
        }
        return best;
    }

    private static float at(float[] intensity, int height, int width, int y, int x) {
        return intensity[Math.max(0, Math.min(height - 1, y)) * width + Math.max(0, Math.min(width - 1, x))];
    }

    /**
     * Relabels 4-connected pieces of equal cluster in scan order; a piece smaller than {@code minSize} joins the
     * segment next to its first pixel that was labelled before it (none for the very first piece: it stays).
     */
    private static Superpixels connected(int[] cluster, int height, int width, int minSize) {
        int hw = cluster.length;
        int[] out = new int[hw];
        Arrays.fill(out, -1);
        int[] piece = new int[hw];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int next = 0;
        for (int start = 0; start < hw; start++) {
            if (out[start] >= 0) continue;
            int adjacent = -1;
            int sy = start / width, sx = start % width;
            if (sx > 0 && out[start - 1] >= 0) adjacent = out[start - 1];
            else if (sy > 0 && out[start - width] >= 0) adjacent = out[start - width];

            int size = 0;
            out[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                piece[size++] = p;
                int y = p / width, x = p % width;
                if (x > 0) visit(p - 1, cluster[start], cluster, out, next, queue);
                if (x < width - 1) visit(p + 1, cluster[start], cluster, out, next, queue);
                if (y > 0) visit(p - width, cluster[start], cluster, out, next, queue);
                if (y < height - 1) visit(p + width, cluster[start], cluster, out, next, queue);
            }
            if (size < minSize && adjacent >= 0) {
                for (int i = 0; i < size; i++) out[piece[i]] = adjacent;
            } else {
                next++;
            }
        }
        return new Superpixels(out, next);
    }

    private static void visit(int q, int cluster, int[] clusters, int[] out, int label, ArrayDeque<Integer> queue) {
        if (out[q] < 0 && clusters[q] == cluster) {
            out[q] = label;
            queue.add(q);
        }
    }
}
