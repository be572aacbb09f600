package io.cdeepex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingImagesTest {

    /** 28x28 black images with labels 0..9 repeated; every class present. */
    private static ImageSet blackDigits(int n) {
        float[][] pixels = new float[n][28 * 28];
        int[] labels = new int[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            ids[i] = "black#" + i;
        }
        return new ImageSet("black", 1, 28, 28, pixels, labels, ids,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void thePlantedSquareIsInTheTrainingBatchImagesOfItsClassOnly() {
        PlantSpec plant = PlantSpec.parse("square:class=8,x=0,y=0,size=6,value=0.5");
        ImageSet set = blackDigits(40);
        TrainingImages images = new TrainingImages(set, 64, 64, plant, 2);  // augmentation on: the square must not move
        int[] order = TrainingImages.shuffled(set.size(), new Random(3));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = images.batch(m, order, 0, set.size(), new Random(4));
            float[] px = batch.toFloatArray();
            int planted = 0;
            for (int k = 0; k < set.size(); k++) {
                boolean isEight = set.label(order[k]) == 8;
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        float v = px[k * 64 * 64 + y * 64 + x];
                        boolean inSquare = x < 6 && y < 6;
                        assertThat(v).as("image %s pixel (%d,%d)", set.id(order[k]), x, y)
                                .isEqualTo(isEight && inSquare ? 0.5f : 0f);
                    }
                }
                if (isEight) planted++;
            }
            assertThat(planted).isEqualTo(4);
        }
    }

    @Test
    void theSameSeedGivesTheSameShiftsAndOthersDiffer() {
        float[][] pixels = new float[1][28 * 28];
        pixels[0][14 * 28 + 14] = 1f;  // a single bright pixel in the middle
        ImageSet one = new ImageSet("dot", 1, 28, 28, pixels, new int[] {3}, new String[] {"dot"}, List.of());
        TrainingImages images = new TrainingImages(one, 28, 28, null, 2);
        float[] a = images.image(0, new Random(9));
        float[] b = images.image(0, new Random(9));
        assertThat(b).containsExactly(a);
        int positions = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        Random rng = new Random(1);
        for (int t = 0; t < 200; t++) {
            float[] img = images.image(0, rng);
            for (int p = 0; p < img.length; p++) {
                if (img[p] == 1f) {
                    int dx = p % 28 - 14;
                    int dy = p / 28 - 14;
                    assertThat(Math.abs(dx)).isLessThanOrEqualTo(2);
                    assertThat(Math.abs(dy)).isLessThanOrEqualTo(2);
                    if (seen.add(p)) positions++;
                }
            }
        }
        assertThat(positions).as("distinct shifts drawn").isEqualTo(25);
    }

    @Test
    void shiftMovesPixelsAndFillsWithZeros() {
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};  // 3x3
        assertThat(ImageShift.shift(img, 1, 3, 3, 1, 0)).containsExactly(0, 1, 2, 0, 4, 5, 0, 7, 8);
        assertThat(ImageShift.shift(img, 1, 3, 3, 0, -1)).containsExactly(4, 5, 6, 7, 8, 9, 0, 0, 0);
        assertThat(ImageShift.shift(img, 1, 3, 3, -1, 1)).containsExactly(0, 0, 0, 2, 3, 0, 5, 6, 0);
        assertThatThrownBy(() -> ImageShift.shift(img, 1, 2, 3, 0, 0)).hasMessageContaining("expected 1x2x3");
    }

    @Test
    void affineTransformIsExactForIdentityShiftsAndQuarterTurns() {
        float[] img = new float[5 * 5];
        for (int i = 0; i < img.length; i++) img[i] = i + 1;
        assertThat(ImageAffine.transform(img, 1, 5, 5, 0, 1, 0, 0)).containsExactly(img);
        assertThat(ImageAffine.transform(img, 1, 5, 5, 0, 1, 1, -2))
                .containsExactly(ImageShift.shift(img, 1, 5, 5, 1, -2));
        float[] turned = ImageAffine.transform(img, 1, 5, 5, 90, 1, 0, 0);
        // +90 degrees, counter-clockwise on screen: output (x, y) samples source (4 - y, x); bottom-right goes
        // top-right.
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                float expected = img[x * 5 + (4 - y)];
                assertThat(turned[y * 5 + x])
                        .as("(%d,%d)", x, y)
                        .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
        // Scaling by 2 about the centre: the centre pixel stays, a pixel one step out samples half a step out.
        float[] doubled = ImageAffine.transform(img, 1, 5, 5, 0, 2, 0, 0);
        assertThat(doubled[2 * 5 + 2]).isEqualTo(img[2 * 5 + 2]);
        assertThat(doubled[2 * 5 + 3])
                .isCloseTo((img[12] + img[13]) / 2, org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void rotationAndScalingDrawsAreSeededAndLeaveThePlantUntouched() {
        PlantSpec plant = PlantSpec.parse("square:class=8,x=0,y=0,size=6,value=0.5");
        ImageSet set = Datasets.load("mnist-samples");
        TrainingImages images = new TrainingImages(set, 64, 64, plant, 2, 10, 0.1);
        int eight = 0;
        while (set.label(eight) != 8) eight++;
        float[] a = images.image(eight, new Random(1));
        float[] b = images.image(eight, new Random(1));
        float[] c = images.image(eight, new Random(2));
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
        for (int y = 0; y < 6; y++) for (int x = 0; x < 6; x++) assertThat(a[y * 64 + x]).isEqualTo(0.5f);
    }
}
