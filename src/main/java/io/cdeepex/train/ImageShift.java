package io.cdeepex.train;

/** Integer translation of a C*H*W image with zero fill: the light augmentation the classifier trainer uses. */
public final class ImageShift {
    private ImageShift() {}

    /**
     * A copy of the image moved {@code dx} pixels right and {@code dy} pixels down (negative: left/up);
     * pixels shifted in from outside are 0.
     */
    public static float[] shift(float[] image, int channels, int height, int width, int dx, int dy) {
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException("image has " + image.length + " values, expected "
                    + channels + "x" + height + "x" + width);
        }
        float[] out = new float[image.length];
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
                int srcRow = plane + (y - dy) * width;
                int dstRow = plane + y * width;
                int x0 = Math.max(0, dx);
                int x1 = Math.min(width, width + dx);
                if (x1 > x0) System.arraycopy(image, srcRow + x0 - dx, out, dstRow + x0, x1 - x0);
            }
        }
        return out;
    }
}
