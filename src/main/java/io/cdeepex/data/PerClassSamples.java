package io.cdeepex.data;

import java.util.Arrays;

/** Choosing a balanced sample set from a test split: the first {@code perClass} images of every class. */
final class PerClassSamples {
    private PerClassSamples() {}

    /**
     * Walks {@code set} in order and takes an image while its class has fewer than {@code perClass}; the result keeps
     * the set's order and is renamed {@code name} (ids {@code name#i}).
     *
     * @param classes labels 0..classes-1 are sampled; others are skipped
     * @throws DatasetException when some class has fewer than {@code perClass} images
     */
    static ImageSet firstOfEachClass(ImageSet set, int classes, int perClass, String name) {
        int[] taken = new int[classes];
        int[] positions = new int[perClass * classes];
        int n = 0;
        for (int i = 0; i < set.size() && n < positions.length; i++) {
            int label = set.label(i);
            if (label >= 0 && label < classes && taken[label] < perClass) {
                taken[label]++;
                positions[n++] = i;
            }
        }
        if (n < positions.length) {
            throw new DatasetException(set.name() + " lacks " + perClass + " images of every class (found "
                    + Arrays.toString(taken) + ")");
        }
        return MnistSplit.renamed(set.subset(positions), name);
    }
}
