package io.cdeepex.report;

import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryGridTest {

    private static List<Explanation> many(int n) {
        List<Explanation> list = new ArrayList<>();
        for (int k = 0; k < n; k++) list.add(SyntheticExplanations.digit("img#" + k));
        return list;
    }

    @Test
    void oneRowPerExplanationWithTheOverlayColours() {
        BufferedImage one = SummaryGrid.render("one", many(1));
        BufferedImage three = SummaryGrid.render("three", many(3));
        int row = ExplanationPanel.row(SyntheticExplanations.digit("x"), ClassLabels.indices(), 4).getHeight();
        assertThat(three.getHeight() - one.getHeight()).isEqualTo(2 * row);
        assertThat(Pixels.contains(three, ImageRenderer.ADDED, 0)).isTrue();
        assertThat(Pixels.contains(three, ImageRenderer.REMOVED, 0)).isTrue();
    }

    @Test
    void rowsAreCappedAndTheRestCounted() {
        int cap = 4;
        BufferedImage exact = SummaryGrid.render("t", many(cap), ClassLabels.indices(), cap);
        BufferedImage over = SummaryGrid.render("t", many(cap + 1), ClassLabels.indices(), cap);
        BufferedImage wayOver = SummaryGrid.render("t", many(cap + 30), ClassLabels.indices(), cap);
        assertThat(wayOver.getHeight()).as("same rows plus one '+N more' line").isEqualTo(over.getHeight());
        assertThat(over.getHeight()).isGreaterThan(exact.getHeight());
        assertThat(over.getHeight() - exact.getHeight()).isLessThan(40);
        assertThat(SummaryGrid.moreLine(40, 32)).isEqualTo("+8 more (not shown)");
        assertThat(SummaryGrid.moreLine(32, 32)).isNull();
    }

    @Test
    void defaultCapIs32Rows() {
        BufferedImage capped = SummaryGrid.render("t", many(40));
        BufferedImage full = SummaryGrid.render("t", many(40), ClassLabels.indices(), 40);
        int row = ExplanationPanel.row(SyntheticExplanations.digit("x"), ClassLabels.indices(), 4).getHeight();
        assertThat(full.getHeight() - capped.getHeight()).isBetween(8 * row - 40, 8 * row);
    }

    @Test
    void emptyListSaysSo() {
        BufferedImage empty = SummaryGrid.render("nothing explained", List.of());
        assertThat(empty.getHeight()).isLessThan(80);
        assertThat(Pixels.dark(empty, 0, 0, empty.getWidth(), empty.getHeight())).isGreaterThan(20);
    }

    @Test
    void comparisonRowsAreQuestionsMatchedAcrossMethods() {
        Explanation a1 = SyntheticExplanations.digit("img#1");
        Explanation a2 = SyntheticExplanations.digit("img#2");
        Explanation b2 = SyntheticExplanations.of("img#2", Method.XGEMS, 1, 28, 28, a2.input(), a2.difference());
        Explanation b3 = SyntheticExplanations.of("img#3", Method.XGEMS, 1, 28, 28, a2.input(), a2.difference());
        Map<MethodComparisonGrid.Question, Explanation[]> rows =
                MethodComparisonGrid.rows(List.of(List.of(a1, a2), List.of(b2, b3)));
        assertThat(rows.keySet())
                .extracting(MethodComparisonGrid.Question::imageId)
                .containsExactly("img#1", "img#2", "img#3");
        assertThat(rows.get(MethodComparisonGrid.Question.of(a2))).containsExactly(a2, b2);
        assertThat(rows.get(MethodComparisonGrid.Question.of(a1))).containsExactly(a1, null);
    }

    @Test
    void comparisonGridHasAColumnPerMethodAndPlaceholdersForMissingAnswers() {
        Explanation a1 = SyntheticExplanations.digit("img#1");
        Explanation b2 = SyntheticExplanations.of("img#2", Method.XGEMS, 1, 28, 28, a1.input(), a1.difference());
        Map<String, List<Explanation>> two = new LinkedHashMap<>();
        two.put("cdeepex", List.of(a1));
        two.put("xgems", List.of(b2));
        Map<String, List<Explanation>> four = new LinkedHashMap<>(two);
        four.put("third", List.of(a1, b2));
        four.put("fourth", List.of(a1, b2));
        Map<String, List<Explanation>> one = Map.of("cdeepex", List.of(a1, b2));
        BufferedImage grid1 = MethodComparisonGrid.render("fig 4", one);
        BufferedImage grid2 = MethodComparisonGrid.render("fig 4", two);
        BufferedImage grid4 = MethodComparisonGrid.render("fig 4", four);
        int tile = 28 * 4;
        assertThat(grid4.getWidth()).as("input and four method columns").isGreaterThanOrEqualTo(5 * tile);
        assertThat(grid4.getWidth()).isGreaterThan(grid2.getWidth());
        assertThat(grid2.getHeight()).as("two questions in both").isEqualTo(grid1.getHeight());
        assertThat(Pixels.contains(grid2, new Color(225, 225, 225), 0)).as("n/a tile").isTrue();
        assertThat(Pixels.contains(grid1, new Color(225, 225, 225), 0)).isFalse();
        assertThat(Pixels.contains(grid2, ImageRenderer.ADDED, 0)).isTrue();
    }

    @Test
    void comparisonNeedsOneNamePerMethod() {
        assertThatThrownBy(() -> MethodComparisonGrid.render("t", List.of("a"), List.of(List.of(), List.of()),
                ClassLabels.indices(), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 method names for 2");
    }
}
