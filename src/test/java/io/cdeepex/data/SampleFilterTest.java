package io.cdeepex.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleFilterTest {
    /** 30 one-pixel images, image i labelled i % 3. */
    private static ImageSet set() {
        float[][] pixels = new float[30][];
        int[] labels = new int[30];
        String[] ids = new String[30];
        for (int i = 0; i < 30; i++) {
            pixels[i] = new float[] {i / 30f};
            labels[i] = i % 3;
            ids[i] = "s#" + i;
        }
        return new ImageSet("s", 1, 1, 1, pixels, labels, ids, List.of("a", "b", "c"));
    }

    @Test
    void includeKeepsOnlyThoseLabels() {
        ImageSet chosen = new SampleFilter(List.of(1), List.of(), 0, 1).select(set());
        assertThat(chosen.size()).isEqualTo(10);
        assertThat(chosen.labels()).containsOnly(1);
    }

    @Test
    void excludeDropsLabels() {
        ImageSet chosen = new SampleFilter(List.of(), List.of(0, 2), 0, 1).select(set());
        assertThat(chosen.labels()).hasSize(10).containsOnly(1);
    }

    @Test
    void countTakesASeededShuffle() {
        SampleFilter filter = new SampleFilter(List.of(0, 2), List.of(), 5, 42);
        ImageSet a = filter.select(set());
        ImageSet b = filter.select(set());
        assertThat(a.size()).isEqualTo(5);
        assertThat(a.labels()).doesNotContain(1);
        List<String> ids = ids(a);
        assertThat(ids(b)).isEqualTo(ids);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids(new SampleFilter(List.of(0, 2), List.of(), 5, 43).select(set()))).isNotEqualTo(ids);
    }

    @Test
    void zeroCountTakesAllInShuffledOrder() {
        ImageSet all = SampleFilter.all(7).select(set());
        assertThat(all.size()).isEqualTo(30);
        assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(ids(set())).isNotEqualTo(ids(set()));
    }

    @Test
    void aFilterThatLeavesNothingIsAnError() {
        SampleFilter filter = new SampleFilter(List.of(1), List.of(1), 0, 3);
        assertThatThrownBy(() -> filter.select(set()))
                .isInstanceOf(DatasetException.class)
                .hasMessage("sample filter (include [1], exclude [1], count all, seed 3) leaves no images of "
                        + "s (30 images, 1x1x1, labels [0, 1, 2])");
    }

    @Test
    void askingForMoreThanPassIsAnError() {
        assertThatThrownBy(() -> new SampleFilter(List.of(2), List.of(), 11, 3).select(set()))
                .hasMessageContaining("asks for 11 images but only 10 pass it in s (30 images");
        assertThatThrownBy(() -> new SampleFilter(List.of(), List.of(), -1, 3))
                .hasMessageContaining("count must be >= 0");
    }

    private static List<String> ids(ImageSet s) {
        return java.util.stream.IntStream.range(0, s.size()).mapToObj(s::id).toList();
    }
}
