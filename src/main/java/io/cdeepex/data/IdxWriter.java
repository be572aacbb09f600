package io.cdeepex.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX images and labels files, gzipped when the file name ends in {@code .gz}. Pixel values are clamped
 * to 0..1 and stored as {@code round(v * 255)}, which is lossless for MNIST-style data (byte / 255).
 * Java's gzip header carries no time stamp, so the same data always gives the same bytes.
 */
public final class IdxWriter {
    private IdxWriter() {}

    /** Writes single-channel images of rows x cols (one rows*cols array each). */
    public static void writeImages(Path file, int rows, int cols, float[][] pixels) throws IOException {
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != rows * cols) {
                throw new IllegalArgumentException("image " + i + " has " + pixels[i].length + " values; expected "
                        + rows + "x" + cols + " = " + rows * cols + " for " + file);
            }
        }
        try (DataOutputStream out = open(file)) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(pixels.length);
            out.writeInt(rows);
            out.writeInt(cols);
            byte[] buffer = new byte[rows * cols];
            for (float[] image : pixels) {
                for (int p = 0; p < buffer.length; p++) {
                    buffer[p] = (byte) toByte(image[p]);
                }
                out.write(buffer);
            }
        }
    }

    /** Writes labels 0..255. */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        byte[] buffer = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; IDX labels must be 0..255 ("
                        + file + ")");
            }
            buffer[i] = (byte) labels[i];
        }
        try (DataOutputStream out = open(file)) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(buffer);
        }
    }

    /** A set's images (C = 1 only) and labels as an IDX pair. */
    public static void write(ImageSet set, Path imagesFile, Path labelsFile) throws IOException {
        if (set.channels() != 1) {
            throw new IllegalArgumentException(set.name() + " has " + set.channels()
                    + " channels; IDX images hold one channel");
        }
        float[][] pixels = new float[set.size()][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = set.image(i);
        }
        writeImages(imagesFile, set.height(), set.width(), pixels);
        writeLabels(labelsFile, set.labels());
    }

    static int toByte(float v) {
        float clamped = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
        return Math.round(clamped * 255f);
    }

    private static DataOutputStream open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            // Best compression: the committed sample set should stay small.
            out = new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            };
        }
        return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }
}
