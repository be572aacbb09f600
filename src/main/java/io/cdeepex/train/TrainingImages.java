package io.cdeepex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.ImageTransforms;
import io.cdeepex.data.PlantSpec;

import java.util.Random;

/**
 * The images a trainer sees, prepared from a dataset at its native size in a fixed order: optional random
 * shift (±{@code maxShift} pixels), rotation and scaling (at native size), bilinear resize to the network's input
 * size, then the planted artefact on the images of its class (at input-size coordinates, so the square is never moved
 * by the augmentation). Without augmentation the prepared images are computed once and cached.
 */
public final class TrainingImages {
    private final ImageSet source;
    private final int height;
    private final int width;
    private final PlantSpec plant;
    private final int maxShift;
    private final double maxRotation;
    private final double maxScale;
    private PatchMixing mixing = PatchMixing.none();
    private float[][] cache;

    /**
     * @param source   images at their native size
     * @param plant    artefact to plant, or null for clean data
     * @param maxShift largest random shift in native pixels (0: no augmentation)
     */
    public TrainingImages(ImageSet source, int height, int width, PlantSpec plant, int maxShift) {
        this(source, height, width, plant, maxShift, 0, 0);
    }

    /**
     * @param maxRotation largest random rotation in degrees (0: none)
     * @param maxScale    largest random relative change of size, e.g. 0.1 for 0.9..1.1 (0: none)
     */
    public TrainingImages(ImageSet source, int height, int width, PlantSpec plant, int maxShift, double maxRotation,
                          double maxScale) {
        if (source.size() == 0) throw new IllegalArgumentException(source.name() + ": no images to train on");
        if (maxShift < 0) throw new IllegalArgumentException("maxShift must be >= 0, got " + maxShift);
        if (!(maxRotation >= 0 && maxRotation <= 45)) {
            throw new IllegalArgumentException("maxRotation must be in 0..45 degrees, got " + maxRotation);
        }
        if (!(maxScale >= 0 && maxScale < 0.5))
            throw new IllegalArgumentException("maxScale must be in [0, 0.5), got " + maxScale);
        this.source = source;
        this.height = height;
        this.width = width;
        this.plant = plant;
        this.maxShift = maxShift;
        this.maxRotation = maxRotation;
        this.maxScale = maxScale;
    }

    private boolean augments() {
        return maxShift > 0 || maxRotation > 0 || maxScale > 0;
    }

    public int size() { return source.size(); }
    public int channels() { return source.channels(); }
    public int height() { return height; }
    public int width() { return width; }
    public int label(int i) { return source.label(i); }
    public ImageSet source() { return source; }

    /** Mixes every {@link #batch} after it is assembled (generator training); {@link #prepared()} stays unmixed. */
    public TrainingImages withMixing(PatchMixing mixing) {
        this.mixing = java.util.Objects.requireNonNull(mixing, "mixing");
        return this;
    }

    /** Image {@code i} as the network sees it; draws its shift from {@code rng} when augmenting. */
    public float[] image(int i, Random rng) {
        if (!augments()) {
            if (cache == null) cache = new float[source.size()][];
            if (cache[i] == null) cache[i] = prepare(i, 0, 0, 0, 1);
            return cache[i];
        }
        int dx = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
        int dy = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
        double degrees = maxRotation == 0 ? 0 : (2 * rng.nextDouble() - 1) * maxRotation;
        double scale = maxScale == 0 ? 1 : 1 + (2 * rng.nextDouble() - 1) * maxScale;
        return prepare(i, dx, dy, degrees, scale);
    }

    /** The images at {@code order[from..to)} as one (N, C, H, W) array, patch-mixed if {@link #withMixing} says so. */
    public NDArray batch(NDManager manager, int[] order, int from, int to, Random rng) {
        int n = source.channels() * height * width;
        float[] flat = new float[(to - from) * n];
        for (int k = from; k < to; k++) {
            System.arraycopy(image(order[k], rng), 0, flat, (k - from) * n, n);
        }
        flat = mixing.mix(flat, to - from, source.channels(), height, width, rng);
        return manager.create(flat, new Shape(to - from, source.channels(), height, width));
    }

    /** The labels at {@code order[from..to)} as an (N) float32 array (the form DJL's losses take). */
    public NDArray labels(NDManager manager, int[] order, int from, int to) {
        float[] l = new float[to - from];
        for (int k = from; k < to; k++) l[k - from] = source.label(order[k]);
        return manager.create(l);
    }

    /** The whole set prepared without augmentation, as an {@link ImageSet} at the input size. */
    public ImageSet prepared() {
        float[][] p = new float[source.size()][];
        for (int i = 0; i < p.length; i++) p[i] = prepare(i, 0, 0, 0, 1);
        return source.withPixels(source.channels(), height, width, p);
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    public static int[] shuffled(int n, Random rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private float[] prepare(int i, int dx, int dy, double degrees, double scale) {
        float[] image = source.image(i);
        int c = source.channels();
        float[] img;
        if (degrees != 0 || scale != 1) {
            img = ImageAffine.transform(image, c, source.height(), source.width(), degrees, scale, dx, dy);
        } else {
            img = (dx == 0 && dy == 0) ? image : ImageShift.shift(image, c, source.height(), source.width(), dx, dy);
        }
        if (source.height() != height || source.width() != width) {
            img = ImageTransforms.resize(img, c, source.height(), source.width(), height, width);
        }
        if (plant != null && plant.appliesTo(source.label(i), source.id(i))) {
            img = plant.plant(img, c, height, width);
        }
        return img;
    }
}
