package io.cdeepex.data;

/** Pixel transforms on plain arrays. (Contract: implemented in the data-layer work.) */
public final class ImageTransforms {
    private ImageTransforms() {}

    /** Bilinear resize of every image of the set (same as PyTorch's interpolate(mode=bilinear, align_corners=false)). */
    public static ImageSet resize(ImageSet set, int height, int width) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }

    /** Bilinear resize of one C*H*W image. */
    public static float[] resize(float[] image, int channels, int height, int width, int newHeight, int newWidth) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }
}
