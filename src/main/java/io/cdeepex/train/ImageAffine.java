package io.cdeepex.train;

/**
 * Small random geometry for augmentation: rotation about the image centre, isotropic scaling and a translation,
 * applied to a C*H*W image by inverse mapping with bilinear sampling (zero outside the image).
 */
public final class ImageAffine {
    private ImageAffine() {}

    /**
     * A copy of the image rotated by {@code degrees} (counter-clockwise on screen), scaled by {@code scale}
     * about the centre, then moved {@code dx} pixels right and {@code dy} down.
     */
    public static float[] transform(float[] image, int channels, int height, int width, double degrees, double scale,
                                    double dx, double dy) {
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException("image has " + image.length + " values, expected "
                    + channels + "x" + height + "x" + width);
        }
        if (!(scale > 0)) throw new IllegalArgumentException("scale must be > 0, got " + scale);
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a) / scale;
        double sin = Math.sin(a) / scale;
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Inverse map: output pixel -> source position (rotation by -a, scale by 1/scale).
                double u = x - cx - dx;
                double v = y - cy - dy;
                double sx = cos * u - sin * v + cx;
                double sy = sin * u + cos * v + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < channels; c++) {
                    int plane = c * height * width;
                    double p = (1 - fx) * (1 - fy) * at(image, plane, width, height, x0, y0)
                            + fx * (1 - fy) * at(image, plane, width, height, x0 + 1, y0)
                            + (1 - fx) * fy * at(image, plane, width, height, x0, y0 + 1)
                            + fx * fy * at(image, plane, width, height, x0 + 1, y0 + 1);
                    out[plane + y * width + x] = (float) p;
                }
            }
        }
        return out;
    }

    private static float at(float[] image, int plane, int width, int height, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : image[plane + y * width + x];
    }
}
