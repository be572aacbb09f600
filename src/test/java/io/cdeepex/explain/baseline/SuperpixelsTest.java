package io.cdeepex.explain.baseline;

import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SuperpixelsTest {

    /** Every pixel labelled 0..count-1, every label used, every segment one 4-connected piece. */
    static void assertPartition(Superpixels s, int height, int width) {
        assertThat(s.labels()).hasSize(height * width);
        boolean[] used = new boolean[s.count()];
        for (int l : s.labels()) {
            assertThat(l).isBetween(0, s.count() - 1);
            used[l] = true;
        }
        for (int l = 0; l < s.count(); l++) assertThat(used[l]).as("segment %d is empty", l).isTrue();
        boolean[] seen = new boolean[height * width];
        Set<Integer> started = new HashSet<>();
        for (int p = 0; p < seen.length; p++) {
            if (seen[p]) continue;
            int label = s.labels()[p];
            assertThat(started.add(label)).as("segment %d is in more than one piece", label).isTrue();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(p);
            seen[p] = true;
            while (!queue.isEmpty()) {
                int q = queue.poll();
                int y = q / width, x = q % width;
                int[] next = {x > 0 ? q - 1 : -1, x < width - 1 ? q + 1 : -1, y > 0 ? q - width : -1,
                        y < height - 1 ? q + width : -1};
                for (int r : next) {
                    if (r >= 0 && !seen[r] && s.labels()[r] == label) {
                        seen[r] = true;
                        queue.add(r);
                    }
                }
            }
        }
    }

    static float[] square(int size, int top, int left, int side) {
        float[] image = new float[size * size];
        for (int y = top; y < top + side; y++) for (int x = left; x < left + side; x++) image[y * size + x] = 1;
        return image;
    }

    @Test
    void realDigitsArePartitionedIntoAboutTheTargetCount() {
        ImageSet digits = Datasets.load("mnist-samples");
        for (int i = 0; i < 5; i++) {
            for (int target : new int[] {20, 50}) {
                Superpixels s = Superpixels.of(digits.image(i), digits.channels(), digits.height(), digits.width(),
                        target);
                assertPartition(s, digits.height(), digits.width());
                assertThat(s.count()).as("digit %d, target %d", i, target)
                        .isBetween(target / 2, target * 3 / 2);
            }
        }
    }

    @Test
    void theSameImageGivesTheSameSegments() {
        ImageSet digits = Datasets.load("mnist-samples");
        float[] image = digits.image(2);
        Superpixels a = Superpixels.of(image, 1, digits.height(), digits.width(), 50);
        Superpixels b = Superpixels.of(image.clone(), 1, digits.height(), digits.width(), 50);
        assertThat(b.count()).isEqualTo(a.count());
        assertThat(b.labels()).containsExactly(a.labels());
    }

    @Test
    void aBrightSquareOnBlackIsItsOwnSegment() {
        int size = 28;
        float[] image = square(size, 9, 10, 8);
        Superpixels coarse = Superpixels.of(image, 1, size, size, 9);
        assertPartition(coarse, size, size);
        int label = coarse.labels()[13 * size + 14];
        for (int p = 0; p < image.length; p++) {
            assertThat(coarse.labels()[p] == label).as("pixel (%d,%d)", p / size, p % size).isEqualTo(image[p] == 1);
        }

        // finer segments split the square but none straddles its edge
        Superpixels fine = Superpixels.of(image, 1, size, size, 50);
        assertPartition(fine, size, size);
        for (int l = 0; l < fine.count(); l++) {
            Set<Float> values = new HashSet<>();
            for (int p = 0; p < image.length; p++) if (fine.labels()[p] == l) values.add(image[p]);
            assertThat(values).as("intensities in segment %d", l).hasSize(1);
        }
    }

    @Test
    void colourImagesAreSegmentedOnTheirMeanIntensity() {
        int size = 16;
        int hw = size * size;
        float[] inside = square(size, 4, 4, 6);
        float[] grey = new float[hw];
        float[] colour = new float[3 * hw];
        for (int p = 0; p < hw; p++) {
            grey[p] = 0.5f * inside[p];
            colour[p] = inside[p];              // red 1, green 0.5, blue 0: mean 0.5
            colour[hw + p] = 0.5f * inside[p];
        }
        Superpixels a = Superpixels.of(grey, 1, size, size, 8);
        Superpixels b = Superpixels.of(colour, 3, size, size, 8);
        assertThat(b.labels()).containsExactly(a.labels());
    }
}
