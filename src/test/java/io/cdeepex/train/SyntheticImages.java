package io.cdeepex.train;

import io.cdeepex.data.ImageSet;

import java.util.List;
import java.util.Random;

/** Small labelled image sets built directly, for tests that must not depend on a dataset. */
final class SyntheticImages {
    private SyntheticImages() {}

    /**
     * {@code n} 1xHxW images of {@code classes} classes: class c is a bright 6x6 blob at a class-specific
     * position (jittered by ±1 px) on faint noise, so a small network can learn it in a few steps.
     */
    static ImageSet blobs(int n, int classes, int size, long seed) {
        Random rng = new Random(seed);
        float[][] pixels = new float[n][size * size];
        int[] labels = new int[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels[i] = c;
            ids[i] = "synthetic#" + i;
            for (int p = 0; p < pixels[i].length; p++) pixels[i][p] = 0.1f * rng.nextFloat();
            double angle = 2 * Math.PI * c / classes;
            int cx = (int) (size / 2 + size / 4 * Math.cos(angle)) + rng.nextInt(3) - 1;
            int cy = (int) (size / 2 + size / 4 * Math.sin(angle)) + rng.nextInt(3) - 1;
            for (int y = cy - 3; y < cy + 3; y++) {
                for (int x = cx - 3; x < cx + 3; x++) {
                    if (x >= 0 && y >= 0 && x < size && y < size) pixels[i][y * size + x] = 0.9f;
                }
            }
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) names.add(Integer.toString(c));
        return new ImageSet("synthetic-blobs", 1, size, size, pixels, labels, ids, names);
    }
}
