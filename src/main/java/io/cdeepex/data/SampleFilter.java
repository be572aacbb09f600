package io.cdeepex.data;

import java.util.List;

/**
 * Chooses images from a set: labels to include (empty = all) and exclude, how many (0 = all that pass),
 * and a seed for the deterministic shuffle before taking {@code count}. (Contract: implemented in the
 * data-layer work.)
 */
public record SampleFilter(List<Integer> include, List<Integer> exclude, int count, long seed) {
    public ImageSet select(ImageSet set) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }
}
