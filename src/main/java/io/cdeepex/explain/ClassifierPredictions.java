package io.cdeepex.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.ImageTransforms;
import io.cdeepex.model.Classifier;

/** A classifier's decisions on a set of images, in batches on the device (the images resized to its input). */
public final class ClassifierPredictions {
    private static final int BATCH = 256;

    private ClassifierPredictions() {}

    /** Predicted class per image, in the set's order. */
    public static int[] predict(Classifier classifier, ImageSet set, Device device) {
        ImageSet input = atInputSize(classifier, set);
        int[] out = new int[input.size()];
        try (NDManager base = NDManager.newBaseManager(device)) {
            for (int from = 0; from < input.size(); from += BATCH) {
                int to = Math.min(input.size(), from + BATCH);
                try (NDManager it = base.newSubManager()) {
                    long[] p = classifier.logits(input.toNDArray(it, from, to)).argMax(1).toLongArray();
                    for (int i = 0; i < p.length; i++) out[from + i] = (int) p[i];
                }
            }
        }
        return out;
    }

    /**
     * The set at the classifier's input size.
     *
     * @throws IllegalArgumentException when its channels do not fit the classifier
     */
    public static ImageSet atInputSize(Classifier classifier, ImageSet set) {
        long c = classifier.inputShape().get(0);
        int h = (int) classifier.inputShape().get(1);
        int w = (int) classifier.inputShape().get(2);
        String mismatch = set.channelMismatch(c, classifier.name());
        if (mismatch != null) throw new IllegalArgumentException(mismatch);
        return set.height() == h && set.width() == w ? set : ImageTransforms.resize(set, h, w);
    }
}
