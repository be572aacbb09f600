package io.cdeepex.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), gzipped or raw: the gzip magic bytes decide, not the
 * file name. Images (magic 2051, unsigned bytes, N x rows x cols) become C=1 float images scaled to 0..1
 * (value / 255); labels (magic 2049) become ints.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte images (type 0x08, 3 dimensions). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an IDX file of unsigned-byte labels (type 0x08, 1 dimension). */
    public static final int LABELS_MAGIC = 2049;

    private IdxReader() {}

    /** The pixels of an IDX images file: one rows*cols array per image, values in 0..1. */
    public record Images(int rows, int cols, float[][] pixels) {
        public int count() { return pixels.length; }
    }

    /** Reads an images file and its labels file into a set with ids {@code idPrefix#i}. */
    public static ImageSet read(Path imagesFile, Path labelsFile, String name, String idPrefix,
                                List<String> classNames) throws IOException {
        return toSet(readImages(imagesFile), readLabels(labelsFile), imagesFile.toString(), labelsFile.toString(),
                name, idPrefix, classNames);
    }

    /**
     * As {@link #read(Path, Path, String, String, List)} for an IDX pair at URLs: class-path resources, which is how
     * the committed sample sets inside the library jar are read.
     */
    public static ImageSet read(URL imagesFile, URL labelsFile, String name, String idPrefix,
                                List<String> classNames) throws IOException {
        Images images;
        try (DataInputStream in = open(imagesFile.openStream())) {
            images = readImages(in, imagesFile.toString());
        } catch (ZipException e) {
            throw corruptGzip(imagesFile.toString(), e);
        }
        int[] labels;
        try (DataInputStream in = open(labelsFile.openStream())) {
            labels = readLabels(in, labelsFile.toString());
        } catch (ZipException e) {
            throw corruptGzip(labelsFile.toString(), e);
        }
        return toSet(images, labels, imagesFile.toString(), labelsFile.toString(), name, idPrefix, classNames);
    }

    private static ImageSet toSet(Images images, int[] labels, String imagesFile, String labelsFile, String name,
                                  String idPrefix, List<String> classNames) {
        if (images.count() != labels.length) {
            throw new DatasetException("IDX count mismatch: " + imagesFile + " holds " + images.count() + " images but "
                    + labelsFile + " holds " + labels.length + " labels; expected one label per image");
        }
        if (!classNames.isEmpty()) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= classNames.size()) {
                    throw new DatasetException(labelsFile + ": label " + i + " is " + labels[i] + ", expected 0.."
                            + (classNames.size() - 1) + " for " + name);
                }
            }
        }
        String[] ids = new String[labels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idPrefix + "#" + i;
        }
        return new ImageSet(name, 1, images.rows(), images.cols(), images.pixels(), labels, ids, classNames);
    }

    /** Reads an IDX images file (magic 2051). */
    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return readImages(in, file.toString());
        } catch (ZipException e) {
            throw corruptGzip(file.toString(), e);
        }
    }

    private static Images readImages(DataInputStream in, String file) throws IOException {
        {
            int count = header(in, file, IMAGES_MAGIC, "images");
            int rows = dimension(in, file, "rows");
            int cols = dimension(in, file, "columns");
            if (rows == 0 || cols == 0) {
                throw new DatasetException(
                        file + ": images of " + rows + "x" + cols + " pixels; expected at least 1x1");
            }
            byte[] buffer = new byte[rows * cols];
            float[][] pixels = new float[count][];
            for (int i = 0; i < count; i++) {
                readBody(in, buffer, file, count + " images of " + rows + "x" + cols, i);
                float[] image = new float[buffer.length];
                for (int p = 0; p < buffer.length; p++) {
                    image[p] = (buffer[p] & 0xFF) / 255f;
                }
                pixels[i] = image;
            }
            expectEnd(in, file, count + " images of " + rows + "x" + cols);
            return new Images(rows, cols, pixels);
        }
    }

    /** Reads an IDX labels file (magic 2049). */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return readLabels(in, file.toString());
        } catch (ZipException e) {
            throw corruptGzip(file.toString(), e);
        }
    }

    private static int[] readLabels(DataInputStream in, String file) throws IOException {
        {
            int count = header(in, file, LABELS_MAGIC, "labels");
            byte[] buffer = new byte[count];
            readBody(in, buffer, file, count + " labels", 0);
            expectEnd(in, file, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = buffer[i] & 0xFF;
            }
            return labels;
        }
    }

    /** Opens a file, unwrapping gzip when it starts with the gzip magic bytes 1f 8b. */
    static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("IDX file not found: " + file);
        }
        return open(Files.newInputStream(file));
    }

    private static DataInputStream open(InputStream stream) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(stream, 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = raw;
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return new DataInputStream(in);
    }

    private static DatasetException corruptGzip(String file, ZipException e) {
        return new DatasetException(file + ": starts like a gzip file but cannot be decompressed (" + e.getMessage()
                + "); expected a gzipped or raw IDX file", e);
    }

    private static int header(DataInputStream in, String file, int magic, String what) throws IOException {
        int actual;
        try {
            actual = in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated IDX file, it ends inside the 4-byte magic number");
        }
        if (actual != magic) {
            String hint =
                    actual == IMAGES_MAGIC ? " (an images file)" : actual == LABELS_MAGIC ? " (a labels file)" : "";
            throw new DatasetException(file + ": bad IDX magic number " + actual + hint + "; expected " + magic
                    + " for an IDX " + what + " file");
        }
        return dimension(in, file, what + " count");
    }

    private static int dimension(DataInputStream in, String file, String what) throws IOException {
        int value;
        try {
            value = in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated IDX header, it ends before the " + what);
        }
        if (value < 0) {
            throw new DatasetException(
                    file + ": IDX header gives " + what + " " + value + "; expected a non-negative number");
        }
        return value;
    }

    private static void readBody(DataInputStream in, byte[] buffer, String file, String expected, int index)
            throws IOException {
        try {
            in.readFully(buffer);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated IDX file, the header promises " + expected
                    + " but the data ends" + (index > 0 ? " in item " + index : ""));
        }
    }

    private static void expectEnd(DataInputStream in, String file, String expected) throws IOException {
        if (in.read() != -1) {
            throw new DatasetException(file + ": IDX file is longer than its header says (" + expected
                    + "); expected nothing after the data");
        }
    }
}
