package io.cdeepex.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of labelled images, all of one shape (C×H×W), pixels as floats in the set's value
 * range (0..1 for everything we ship). Immutable; plain Java arrays so that every layer can use it
 * without a native manager. {@link #toNDArray} copies a slice onto a device.
 */
public final class ImageSet {
    /** The label of an image that has none (a PNG). */
    public static final int UNLABELLED = -1;

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final float[][] pixels;
    private final int[] labels;
    private final String[] ids;
    private final List<String> classNames;
    /** How the source stored the channels (e.g. a PNG's "RGBA ..."), or null when the channel count says it all. */
    private final String sourceLayout;

    /**
     * @param name       where the images came from (dataset name or file), used in messages
     * @param pixels     one C*H*W array per image
     * @param labels     one label per image
     * @param ids        one identifier per image, shown in failure messages and reports (e.g. {@code mnist-samples#12})
     * @param classNames class names indexed by label (may be empty when unknown)
     */
    public ImageSet(String name, int channels, int height, int width, float[][] pixels, int[] labels,
                    String[] ids, List<String> classNames) {
        this(name, channels, height, width, pixels, labels, ids, classNames, null);
    }

    private ImageSet(String name, int channels, int height, int width, float[][] pixels, int[] labels,
                     String[] ids, List<String> classNames, String sourceLayout) {
        this.name = Objects.requireNonNull(name);
        if (pixels.length != labels.length || pixels.length != ids.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " images but " + labels.length
                    + " labels and " + ids.length + " ids");
        }
        int n = channels * height * width;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != n) {
                throw new IllegalArgumentException(name + ": image " + ids[i] + " has " + pixels[i].length
                        + " values, expected " + channels + "x" + height + "x" + width);
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.ids = ids;
        this.classNames = List.copyOf(classNames);
        this.sourceLayout = sourceLayout;
    }

    public String name() { return name; }
    public int size() { return pixels.length; }
    public int channels() { return channels; }
    public int height() { return height; }
    public int width() { return width; }
    public List<String> classNames() { return classNames; }

    /** Whether image {@code i} has a label ({@link #UNLABELLED} = none). */
    public boolean isLabelled(int i) { return labels[i] != UNLABELLED; }

    /**
     * How the pixels' channels were stored at the source, for messages: e.g. "an RGBA PNG (8 bits per channel), read
     * as 3 channels (RGB, alpha dropped)"; for sets without such a note "1-channel (grey) images" and the like.
     */
    public String channelLayout() {
        if (sourceLayout != null) return sourceLayout;
        return channels + "-channel" + (channels == 1 ? " (grey)" : channels == 3 ? " (RGB)" : "") + " images";
    }

    /**
     * Null when the images have {@code expected} channels; else a sentence naming this set, how its channels are laid
     * out and what {@code consumer} (e.g. a classifier's name) expects.
     */
    public String channelMismatch(long expected, String consumer) {
        if (channels == expected) return null;
        String what = expected == 1 ? "1 channel (grey)" : expected == 3 ? "3 channels (RGB)" : expected + " channels";
        return name + (sourceLayout != null ? " is " + sourceLayout : " has " + channelLayout()) + ", but " + consumer
                + " expects " + what + "; convert the images to " + (expected == 1 ? "greyscale" : expected == 3 ? "RGB"
                : expected + " channels") + " first";
    }

    /** The same set with a note on how its source stored the channels (see {@link #channelLayout()}). */
    public ImageSet withChannelLayout(String layout) {
        return new ImageSet(name, channels, height, width, pixels, labels, ids, classNames, layout);
    }

    /**
     * The same images and labels without class names: for data relabelled on purpose, whose labels are to be read
     * as the classifier's classes (the class-name check of {@link ClassNames} then has nothing to compare).
     */
    public ImageSet withoutClassNames() {
        return new ImageSet(name, channels, height, width, pixels, labels, ids, List.of(), sourceLayout);
    }

    /** The C*H*W pixels of image {@code i} (do not modify). */
    public float[] image(int i) { return pixels[i]; }
    public int label(int i) { return labels[i]; }
    public String id(int i) { return ids[i]; }
    public int[] labels() { return labels.clone(); }

    /** The images at the given positions, in that order. */
    public ImageSet subset(int[] positions) {
        float[][] p = new float[positions.length][];
        int[] l = new int[positions.length];
        String[] d = new String[positions.length];
        for (int k = 0; k < positions.length; k++) {
            p[k] = pixels[positions[k]];
            l[k] = labels[positions[k]];
            d[k] = ids[positions[k]];
        }
        return new ImageSet(name, channels, height, width, p, l, d, classNames, sourceLayout);
    }

    /** Same labels and ids, new pixels (e.g. after a transform); {@code newPixels} must match in count. */
    public ImageSet withPixels(int newChannels, int newHeight, int newWidth, float[][] newPixels) {
        return new ImageSet(name, newChannels, newHeight, newWidth, newPixels, labels, ids, classNames,
                newChannels == channels ? sourceLayout : null);
    }

    /** Images {@code [from, to)} as one (N, C, H, W) float32 array on the manager's device. */
    public NDArray toNDArray(NDManager manager, int from, int to) {
        int n = channels * height * width;
        float[] flat = new float[(to - from) * n];
        for (int i = from; i < to; i++) {
            System.arraycopy(pixels[i], 0, flat, (i - from) * n, n);
        }
        return manager.create(flat, new Shape(to - from, channels, height, width));
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images, " + channels + "x" + height + "x" + width + ", labels "
                + Arrays.toString(Arrays.stream(labels).distinct().sorted().toArray()) + ")";
    }
}
