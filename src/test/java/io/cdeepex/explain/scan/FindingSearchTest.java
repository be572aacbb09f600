package io.cdeepex.explain.scan;

import io.cdeepex.explain.Region;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FindingSearchTest {
    private static final int H = 32;
    private static final int W = 40;

    /** Uniform noise over the image plus, if block != null, a block that is added in every image. */
    private static ProbeAggregate aggregate(Region block, long seed) {
        Random random = new Random(seed);
        float[] red = new float[H * W];
        float[] cons = new float[H * W];
        float[] perClassA = new float[H * W];
        float[] perClassB = new float[H * W];
        for (int i = 0; i < H * W; i++) {
            red[i] = random.nextFloat() * 0.02f;
            cons[i] = random.nextFloat() * 0.3f;
            perClassA[i] = random.nextFloat() * 0.02f;
            perClassB[i] = random.nextFloat() * 0.02f;
        }
        if (block != null) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (!block.contains(x, y)) continue;
                    red[y * W + x] = 0.8f;
                    cons[y * W + x] = 1f;
                    perClassA[y * W + x] = 0.8f;
                    perClassB[y * W + x] = 0.7f;
                }
            }
        }
        float[] zero = new float[H * W];
        return new ProbeAggregate(3, H, W, 10, 10, red, zero, cons, zero,
                Map.of(0, perClassA, 5, perClassB), Map.of(0, zero, 5, zero));
    }

    @Test
    void findsAHandBuiltConsistentBlockAwayFromTheCorner() {
        Region block = new Region(23, 9, 5, 5);
        List<FindingSearch.Candidate> found = FindingSearch.search(aggregate(block, 1), Sign.ADDED,
                ScanSettings.defaults());

        assertThat(found).isNotEmpty();
        FindingSearch.Candidate top = found.get(0);
        assertThat(top.box()).isEqualTo(block);
        // 25 pixels of 0.8 against 1255 of ~0.01: the block holds ~0.61 of the mass, 0.02 of the area.
        assertThat(top.excessShare()).isBetween(0.5, 0.65);
        assertThat(top.consistency()).isEqualTo(1.0);
        assertThat(top.supportClasses()).isEqualTo(2);
        for (FindingSearch.Candidate other : found.subList(1, found.size())) {
            assertThat(FindingSearch.overlaps(other.box(), top.box())).as(other.box().toString()).isFalse();
        }
    }

    @Test
    void findsNothingInNoise() {
        for (long seed = 0; seed < 5; seed++) {
            assertThat(FindingSearch.search(aggregate(null, seed), Sign.ADDED, ScanSettings.defaults()))
                    .as("seed " + seed).isEmpty();
        }
    }

    @Test
    void aRemovedBlockIsFoundOnlyUnderTheRemovedSign() {
        ProbeAggregate added = aggregate(new Region(2, 20, 4, 4), 2);
        ProbeAggregate swapped = new ProbeAggregate(3, H, W, 10, 10, added.meanBlue(), added.meanRed(),
                added.removedConsistency(), added.consistency(), added.blueByTrueClass(), added.redByTrueClass());

        assertThat(FindingSearch.search(swapped, Sign.ADDED, ScanSettings.defaults())).isEmpty();
        assertThat(FindingSearch.search(swapped, Sign.REMOVED, ScanSettings.defaults()).get(0).box())
                .isEqualTo(new Region(2, 20, 4, 4));
    }

    @Test
    void boxesLargerThanAQuarterOfTheShorterSideAreNotSearched() {
        Region big = new Region(4, 4, 20, 20);
        List<FindingSearch.Candidate> found = FindingSearch.search(aggregate(big, 3), Sign.ADDED,
                ScanSettings.defaults());

        assertThat(found).isNotEmpty().allSatisfy(c -> assertThat(c.box().width()).isLessThanOrEqualTo(8));
    }
}
