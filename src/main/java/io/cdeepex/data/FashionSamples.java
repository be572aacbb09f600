package io.cdeepex.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The committed sample set {@code fashion-samples}: the first 50 images of each class of {@code fashion-mnist-test}
 * (walking the 10,000 test images in file order, an image is taken while its class has fewer than 50), 500 in all,
 * kept in test-file order and stored as a gzipped IDX pair under {@code audits/data/} (in the library jar as class-path
 * resources, {@link Datasets#SAMPLES_RESOURCES}), so tests and audits of the Fashion-MNIST classifiers run without
 * Debian's {@code dataset-fashion-mnist}. Ids {@code fashion-samples#i}; class
 * names {@link Datasets#FASHION}.
 */
public final class FashionSamples {
    public static final String NAME = "fashion-samples";
    public static final int PER_CLASS = 50;
    public static final String IMAGES_FILE = NAME + "-images-idx3-ubyte.gz";
    public static final String LABELS_FILE = NAME + "-labels-idx1-ubyte.gz";

    private FashionSamples() {}

    /** The sample set chosen from {@code fashion-mnist-test}. */
    public static ImageSet select(ImageSet test) {
        return PerClassSamples.firstOfEachClass(test, Datasets.FASHION.size(), PER_CLASS, NAME);
    }

    /** Writes the set as {@link #IMAGES_FILE} and {@link #LABELS_FILE} into {@code dir}. */
    public static void write(ImageSet samples, Path dir) throws IOException {
        IdxWriter.write(samples, dir.resolve(IMAGES_FILE), dir.resolve(LABELS_FILE));
    }
}
