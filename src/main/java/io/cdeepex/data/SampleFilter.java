package io.cdeepex.data;

import java.util.List;

/**
 * Chooses images from a set: labels to include (empty = all) and exclude, how many (0 = all that pass),
 * and a seed for the deterministic shuffle before taking {@code count}. The images that pass are always
 * shuffled (Fisher–Yates with {@code new Random(seed)}, as {@link MnistSplit#shuffledOrder}), so the same filter
 * on the same set gives the same images in the same order.
 */
public record SampleFilter(List<Integer> include, List<Integer> exclude, int count, long seed) {
    public SampleFilter {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        if (count < 0) {
            throw new IllegalArgumentException("sample filter count must be >= 0 (0 = all), got " + count);
        }
    }

    /** Every image, shuffled with the given seed. */
    public static SampleFilter all(long seed) {
        return new SampleFilter(List.of(), List.of(), 0, seed);
    }

    /**
     * The chosen images.
     *
     * @throws DatasetException when nothing passes, or fewer images pass than {@code count} asks for
     */
    public ImageSet select(ImageSet set) {
        int[] passing = new int[set.size()];
        int n = 0;
        for (int i = 0; i < set.size(); i++) {
            int label = set.label(i);
            if ((include.isEmpty() || include.contains(label)) && !exclude.contains(label)) {
                passing[n++] = i;
            }
        }
        if (n == 0) {
            throw new DatasetException("sample filter " + this + " leaves no images of " + set);
        }
        if (count > n) {
            throw new DatasetException("sample filter " + this + " asks for " + count + " images but only " + n
                    + " pass it in " + set);
        }
        int[] order = MnistSplit.shuffledOrder(n, seed);
        int[] chosen = new int[count == 0 ? n : count];
        for (int k = 0; k < chosen.length; k++) {
            chosen[k] = passing[order[k]];
        }
        return set.subset(chosen);
    }

    @Override
    public String toString() {
        return "(include " + (include.isEmpty() ? "all" : include) + ", exclude " + exclude + ", count "
                + (count == 0 ? "all" : count) + ", seed " + seed + ")";
    }
}
