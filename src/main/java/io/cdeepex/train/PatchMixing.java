package io.cdeepex.train;

import java.util.Locale;
import java.util.Random;

/**
 * Same-position patch mixing for generator training: with probability {@code probability} an image of the batch
 * gets {@code boxes} random boxes (sides drawn uniformly in {@code minSide..maxSide} pixels of the training grid,
 * anywhere inside the image), each copied from another image of the same batch at the same place, or blanked to 0
 * ({@code cutout}). A generator trained to reproduce the mixed images learns to draw a local feature without the
 * rest of the image it came from, so the nearest latent point that adds a feature need not redraw the shape around
 * it. No feature, place or class is named. The Python trainers (tools/torch_common.py) implement the same draw.
 */
public final class PatchMixing {
    private static final PatchMixing NONE = new PatchMixing(0, 1, 1, 1, false);

    public final double probability;
    public final int minSide;
    public final int maxSide;
    public final int boxes;
    public final boolean cutout;

    /** @throws IllegalArgumentException naming the option, when a value is out of range */
    public PatchMixing(double probability, int minSide, int maxSide, int boxes, boolean cutout) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("--mix-prob must be in 0..1, got " + probability);
        }
        if (minSide < 1 || maxSide < minSide) {
            throw new IllegalArgumentException("--mix-box needs 1 <= MIN <= MAX, got " + minSide + "," + maxSide);
        }
        if (boxes < 1) throw new IllegalArgumentException("--mix-boxes must be >= 1, got " + boxes);
        if (cutout && probability == 0) {
            throw new IllegalArgumentException(
                    "--cutout needs --mix-prob above 0 (the share of images that get boxes)");
        }
        this.probability = probability;
        this.minSide = minSide;
        this.maxSide = maxSide;
        this.boxes = boxes;
        this.cutout = cutout;
    }

    /** No mixing: batches pass through unchanged and no random numbers are drawn. */
    public static PatchMixing none() {
        return NONE;
    }

    /** {@code MIN,MAX} as the command line writes it, e.g. {@code 4,16}. */
    public static int[] parseBox(String text) {
        String[] parts = text == null ? new String[0] : text.split(",", -1);
        try {
            if (parts.length == 2)
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--mix-box expects MIN,MAX (two whole numbers of pixels), got '" + text + "'");
    }

    public boolean active() {
        return probability > 0;
    }

    /** The card's {@code training.mixing} entry, worded as tools/torch_common.py words it. */
    public String describe() {
        if (!active()) return "none";
        String source = cutout ? "blanked to 0 (cut-out)" : "each from another image of the batch, same place";
        return String.format(Locale.ROOT, "same-position patch mixing: p=%s, %d box(es) per mixed image,"
                + " sides %d..%d px on the training grid, %s", probability, boxes, minSide, maxSide, source);
    }

    /**
     * The mixed batch: {@code batch} holds {@code n} images of {@code channels x height x width}, one after the
     * other; the result is a new array (donors are read from the unmixed batch). Needs boxes that fit the image.
     */
    public float[] mix(float[] batch, int n, int channels, int height, int width, Random rng) {
        int size = channels * height * width;
        if (batch.length != n * size) {
            throw new IllegalArgumentException("batch has " + batch.length + " values, expected " + n + " images of "
                    + channels + "x" + height + "x" + width);
        }
        if (maxSide > Math.min(height, width)) {
            throw new IllegalArgumentException("--mix-box: MAX " + maxSide + " exceeds the " + height + "x" + width
                    + " training grid");
        }
        if (!active() || (!cutout && n < 2)) return batch;
        float[] out = batch.clone();
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() >= probability) continue;
            for (int b = 0; b < boxes; b++) {
                int boxHeight = minSide + rng.nextInt(maxSide - minSide + 1);
                int boxWidth = minSide + rng.nextInt(maxSide - minSide + 1);
                int top = rng.nextInt(height - boxHeight + 1);
                int left = rng.nextInt(width - boxWidth + 1);
                int donor = cutout ? -1 : (i + 1 + rng.nextInt(n - 1)) % n;  // never the image itself
                copyBox(batch, donor, out, i, channels, height, width, top, left, boxHeight, boxWidth);
            }
        }
        return out;
    }

    /**
     * Copies the box at rows {@code top..top+boxHeight-1}, columns {@code left..left+boxWidth-1} of every channel
     * from image {@code donor} of {@code from} into image {@code target} of {@code to}; donor -1 writes 0.
     */
    static void copyBox(float[] from, int donor, float[] to, int target, int channels, int height, int width,
                        int top, int left, int boxHeight, int boxWidth) {
        int size = channels * height * width;
        for (int c = 0; c < channels; c++) {
            for (int y = top; y < top + boxHeight; y++) {
                int offset = c * height * width + y * width + left;
                if (donor < 0) {
                    java.util.Arrays.fill(to, target * size + offset, target * size + offset + boxWidth, 0f);
                } else {
                    System.arraycopy(from, donor * size + offset, to, target * size + offset, boxWidth);
                }
            }
        }
    }
}
