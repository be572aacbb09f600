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
            // only a concentrated candidate may overlap the broad one, and then it lies inside the block
            if (other.box().overlaps(top.box())) assertThat(inside(other.box(), block)).isTrue();
        }
    }

    @Test
    void findsASmallBlockNextToABroadBlobThatHoldsMostOfTheMass() {
        Region blob = new Region(14, 10, 12, 12);
        Region spot = new Region(1, 1, 3, 3);
        ProbeAggregate a = aggregate(blob, 4);
        paint(a, spot, 0.5f, 0, 5);
        // 9 pixels of 0.5 against 144 of 0.8 and ~1100 of ~0.01: ~0.035 of the mass in 0.7% of the area, an
        // excess share under 0.05 that the broad measure alone drops.
        ScanSettings broadOnly = new ScanSettings(List.of(), 8, 40, 8, 0, 0.05, 2, 0.25, 0.05, 0.02,
                Double.POSITIVE_INFINITY, 8, 3, 0.5);
        assertThat(FindingSearch.search(a, Sign.ADDED, broadOnly)).noneMatch(c -> inside(c.box(), spot));

        List<FindingSearch.Candidate> found = FindingSearch.search(a, Sign.ADDED, ScanSettings.defaults());
        assertThat(found).filteredOn(c -> c.box().overlaps(spot)).isNotEmpty()
                .allSatisfy(c -> assertThat(c.excessShare()).isLessThan(0.05).isGreaterThan(0.0));
    }

    @Test
    void findsASpotHoldingUnderTwoPercentOfTheMass() {
        Region blob = new Region(14, 10, 12, 12);
        Region spot = new Region(36, 1, 2, 2);
        ProbeAggregate a = aggregate(blob, 5);
        paint(a, spot, 0.5f, 0);
        // 4 pixels of 0.5 against 144 of 0.8 and ~1130 of ~0.01: ~0.015 of the mass in 0.3% of the area
        ScanSettings twoPercentFloor = new ScanSettings(List.of(), 8, 40, 8, 0, 0.05, 2, 0.25, 0.05, 0.02, 3, 8, 3,
                0.5);
        assertThat(FindingSearch.search(a, Sign.ADDED, twoPercentFloor)).noneMatch(c -> c.box().overlaps(spot));

        assertThat(FindingSearch.search(a, Sign.ADDED, ScanSettings.defaults()))
                .filteredOn(c -> c.box().overlaps(spot)).isNotEmpty();
    }

    @Test
    void aConcentratedCandidateGrownByAPixelIsMeasuredOnTheMaps() {
        Region blob = new Region(14, 10, 12, 12);
        Region spot = new Region(34, 3, 2, 2);
        ProbeAggregate a = aggregate(blob, 6);
        paint(a, spot, 0.6f);
        FindingSearch.Candidate core = FindingSearch.search(a, Sign.ADDED, ScanSettings.defaults()).stream()
                .filter(c -> c.box().equals(spot)).findFirst().orElseThrow();
        assertThat(core.concentrated()).isTrue();

        FindingSearch.Candidate grown = FindingSearch.grown(a, Sign.ADDED, core, ScanSettings.defaults())
                .orElseThrow();
        assertThat(grown.box()).isEqualTo(new Region(33, 2, 4, 4));
        // 4 of its 16 pixels changed consistently (0.9), the other 12 are noise (< 0.3)
        assertThat(grown.consistency()).isBetween(0.225, 0.45);
        // 12 more pixels of area (12/1280 of it) that hold noise of at most 0.02 each, of a mass above 115
        double rimArea = 12.0 / (H * W);
        assertThat(grown.excessShare()).isBetween(core.excessShare() - rimArea,
                core.excessShare() - rimArea + 12 * 0.02 / 115);
        assertThat(grown.explainedClasses()).isEqualTo(core.explainedClasses());
    }

    @Test
    void aBoxAtTheLargestSideDoesNotGrow() {
        ProbeAggregate a = aggregate(new Region(14, 10, 12, 12), 7);
        FindingSearch.Candidate largest = new FindingSearch.Candidate(new Region(2, 2, 8, 8), 0.1, 0.5, 1, 2, true);
        assertThat(FindingSearch.grown(a, Sign.ADDED, largest, ScanSettings.defaults())).isEmpty();
    }

    @Test
    void aGrownBoxMovesInwardsAtTheBorderAndKeepsTheLargestSide() {
        assertThat(FindingSearch.grown(new Region(20, 20, 4, 4), 64, 64, 16)).isEqualTo(new Region(19, 19, 6, 6));
        assertThat(FindingSearch.grown(new Region(61, 0, 3, 3), 64, 64, 16)).isEqualTo(new Region(59, 0, 5, 5));
        assertThat(FindingSearch.grown(new Region(0, 30, 15, 15), 64, 64, 16)).isEqualTo(new Region(0, 30, 16, 16));
        assertThat(FindingSearch.grown(new Region(8, 8, 16, 16), 64, 64, 16)).isEqualTo(new Region(8, 8, 16, 16));
    }

    /** Sets the spot's mean red to {@code red} with consistency 0.9, and the same red in the given classes' maps. */
    private static void paint(ProbeAggregate a, Region spot, float red, int... classes) {
        for (int y = spot.y(); y < spot.y() + spot.height(); y++) {
            for (int x = spot.x(); x < spot.x() + spot.width(); x++) {
                a.meanRed()[y * W + x] = red;
                a.consistency()[y * W + x] = 0.9f;
                for (int c : classes) a.redByTrueClass().get(c)[y * W + x] = red;
            }
        }
    }

    @Test
    void scoreIsTheFlipLiftTimesConsistencyTimesSupportShare() {
        FindingSearch.Candidate c = new FindingSearch.Candidate(new Region(0, 0, 4, 4), 0.01, 0.5, 3, 4, false);
        // (0.8 - 0.1) * 0.5 * 3/4
        assertThat(FindingSearch.score(c, new CounterfactualCheck.Result(40, 0.8, 0.1, 5, 9))).isCloseTo(0.2625,
                org.assertj.core.data.Offset.offset(1e-12));
        // fewer flips with the paste than without: no lift, score 0
        assertThat(FindingSearch.score(c, new CounterfactualCheck.Result(40, 0.0, 0.1, 0, 9))).isZero();
    }

    @Test
    void bestDropsFindingsOverlappingABetterOneAndKeepsTheLimit() {
        Finding strong = finding(new Region(0, 0, 6, 6), 0.40, 0.01);
        Finding overlapping = finding(new Region(3, 3, 6, 6), 0.30, 0.20);
        Finding apart = finding(new Region(20, 20, 4, 4), 0.10, 0.05);
        Finding quietA = finding(new Region(30, 2, 4, 4), 0.0, 0.30);
        Finding quietB = finding(new Region(30, 10, 4, 4), 0.0, 0.10);

        assertThat(FindingSearch.best(List.of(quietB, apart, overlapping, quietA, strong), 3))
                .containsExactly(strong, apart, quietA);
    }

    private static Finding finding(Region box, double score, double excessShare) {
        return new Finding(3, Sign.ADDED, box, excessShare, 1.0, 1, 1, new CounterfactualCheck.Result(40, 0, 0, 0, 1),
                score);
    }

    private static boolean inside(Region r, Region outer) {
        return r.x() >= outer.x() && r.y() >= outer.y() && r.x() + r.width() <= outer.x() + outer.width()
                && r.y() + r.height() <= outer.y() + outer.height();
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
