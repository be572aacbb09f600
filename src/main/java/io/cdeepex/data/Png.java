package io.cdeepex.data;

import java.io.IOException;
import java.nio.file.Path;

/** PNG in and out for grey (and RGB) images. (Contract: implemented in the data-layer work.) */
public final class Png {
    private Png() {}

    /** Reads a PNG as a C*H*W image in 0..1 (grey images: C = 1; colour: C = 3). */
    public static ImageSet read(Path file) throws IOException {
        throw new UnsupportedOperationException("data layer not merged yet");
    }

    /** Writes a C*H*W image (C = 1 or 3, values clamped to 0..1) as PNG. */
    public static void write(float[] image, int channels, int height, int width, Path file) throws IOException {
        throw new UnsupportedOperationException("data layer not merged yet");
    }
}
