package io.cdeepex.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The committed sample set {@code mnist-samples}: 500 digits of {@code mnist-test}, 50 of each class — walking
 * the test split in order, a digit is taken while its class has fewer than 50 — kept in test-split order and
 * stored as a gzipped IDX pair under {@code audits/data/}, which the library jar carries as class-path resources
 * ({@link Datasets#SAMPLES_RESOURCES}). Ids {@code mnist-samples#i}.
 */
public final class MnistSamples {
    public static final String NAME = "mnist-samples";
    public static final int PER_CLASS = 50;
    public static final String IMAGES_FILE = NAME + "-images-idx3-ubyte.gz";
    public static final String LABELS_FILE = NAME + "-labels-idx1-ubyte.gz";

    private MnistSamples() {}

    /** The sample set chosen from {@code mnist-test}. */
    public static ImageSet select(ImageSet test) {
        return PerClassSamples.firstOfEachClass(test, Datasets.DIGITS.size(), PER_CLASS, NAME);
    }

    /** Writes the set as {@link #IMAGES_FILE} and {@link #LABELS_FILE} into {@code dir}. */
    public static void write(ImageSet samples, Path dir) throws IOException {
        IdxWriter.write(samples, dir.resolve(IMAGES_FILE), dir.resolve(LABELS_FILE));
    }
}
