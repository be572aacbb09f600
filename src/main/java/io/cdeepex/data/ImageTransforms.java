package io.cdeepex.data;

/**
 * Pixel transforms on plain arrays.
 *
 * <p>{@link #resize} is bilinear interpolation exactly as PyTorch's
 * {@code F.interpolate(x, size=(h, w), mode='bilinear', align_corners=False)} (no antialiasing): output pixel d
 * samples the input at {@code src = (d + 0.5) * in / out - 0.5}, clamped below at 0; it blends input pixels
 * {@code floor(src)} and {@code min(floor(src) + 1, in - 1)} with weight {@code src - floor(src)} on the second.
 * So a model trained on PyTorch-resized images sees the same pixels here.
 */
public final class ImageTransforms {
    private ImageTransforms() {}

    /**
     * Null when resizing {@code set} to {@code height} x {@code width} keeps its aspect ratio (MNIST's 28x28 to a
     * 64x64 classifier input: the resize the models were trained with); else a warning naming the set, both sizes and
     * {@code consumer}, because stretching distorts the shapes a classifier looks at.
     */
    public static String stretchWarning(ImageSet set, int height, int width, String consumer) {
        if ((long) set.height() * width == (long) set.width() * height) return null;
        return "warning: " + set.name() + " is " + set.width() + "x" + set.height() + " pixels (width x height) and is"
                + " stretched to " + width + "x" + height + " for " + consumer + "'s input, which changes its aspect"
                + " ratio; crop or pad it to the input's proportions first to keep shapes undistorted";
    }

    /**
     * Bilinear resize of every image of the set (same as PyTorch's interpolate(mode=bilinear, align_corners=false)).
     */
    public static ImageSet resize(ImageSet set, int height, int width) {
        if (height == set.height() && width == set.width()) {
            return set;
        }
        float[][] pixels = new float[set.size()][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = resize(set.image(i), set.channels(), set.height(), set.width(), height, width);
        }
        return set.withPixels(set.channels(), height, width, pixels);
    }

    /** Bilinear resize of one C*H*W image. */
    public static float[] resize(float[] image, int channels, int height, int width, int newHeight, int newWidth) {
        if (channels < 1 || height < 1 || width < 1 || newHeight < 1 || newWidth < 1) {
            throw new IllegalArgumentException("resize " + channels + "x" + height + "x" + width + " to " + newHeight
                    + "x" + newWidth + ": every size must be at least 1");
        }
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException("image has " + image.length + " values; expected " + channels + "x"
                    + height + "x" + width);
        }
        Axis rows = new Axis(height, newHeight);
        Axis cols = new Axis(width, newWidth);
        float[] out = new float[channels * newHeight * newWidth];
        for (int c = 0; c < channels; c++) {
            int in = c * height * width;
            int o = c * newHeight * newWidth;
            for (int y = 0; y < newHeight; y++) {
                int r0 = in + rows.lo[y] * width;
                int r1 = in + rows.hi[y] * width;
                float wy = rows.weight[y];
                for (int x = 0; x < newWidth; x++) {
                    int x0 = cols.lo[x];
                    int x1 = cols.hi[x];
                    float wx = cols.weight[x];
                    float top = (1 - wx) * image[r0 + x0] + wx * image[r0 + x1];
                    float bottom = (1 - wx) * image[r1 + x0] + wx * image[r1 + x1];
                    out[o + y * newWidth + x] = (1 - wy) * top + wy * bottom;
                }
            }
        }
        return out;
    }

    /**
     * The same interpolation along one axis as a row-major {@code out x in} matrix: row d holds the weights with which
     * output pixel d blends the input pixels, so {@code U_h X U_w^T} resizes an image X, its rows by U_h and its
     * columns by U_w (tensor code uses it where a matrix product is cheaper than an interpolation kernel).
     */
    public static float[] interpolationMatrix(int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("interpolation from " + in + " to " + out + " pixels: both must be at "
                    + "least 1");
        }
        Axis axis = new Axis(in, out);
        float[] m = new float[out * in];
        for (int d = 0; d < out; d++) {
            m[d * in + axis.lo[d]] += 1 - axis.weight[d];
            m[d * in + axis.hi[d]] += axis.weight[d];
        }
        return m;
    }

    /** Source indices and weights along one axis (PyTorch's area_pixel_compute_source_index, align_corners=False). */
    private static final class Axis {
        final int[] lo;
        final int[] hi;
        final float[] weight;

        Axis(int in, int out) {
            lo = new int[out];
            hi = new int[out];
            weight = new float[out];
            float scale = (float) in / out;
            for (int d = 0; d < out; d++) {
                float src = Math.max(0f, scale * (d + 0.5f) - 0.5f);
                int i0 = Math.min((int) src, in - 1);
                lo[d] = i0;
                hi[d] = Math.min(i0 + 1, in - 1);
                weight[d] = src - i0;
            }
        }
    }
}
