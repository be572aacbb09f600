package io.cdeepex.report;

import io.cdeepex.explain.Explanation;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExplanationPanelTest {

    @Test
    void panelShowsTheFourTilesAtFullSizeWithOverlayLast() {
        Explanation e = SyntheticExplanations.digit("mnist#12");
        BufferedImage panel = ExplanationPanel.render(e);
        int tile = 28 * 9;
        assertThat(panel.getWidth()).isGreaterThanOrEqualTo(4 * tile + 3 * Canvas.GAP);

        // the overlay tile sits fourth in the row, below the column titles and the three caption lines
        int top = Canvas.lineHeight(Canvas.SMALL)
                + Canvas.GAP
                + 3 * Canvas.lineHeight(Canvas.TEXT)
                + Canvas.GAP
                + Canvas.GAP;
        int left = Canvas.GAP + 3 * (tile + Canvas.GAP);
        BufferedImage overlay = ImageRenderer.overlay(e, 9);
        for (int[] p : new int[][] {{10, 10}, {13 * 9, 10 * 9}, {24 * 9, 24 * 9}, {20 * 9, 2 * 9}}) {
            assertThat(panel.getRGB(left + p[0], top + p[1])).as("overlay pixel %s,%s", p[0], p[1])
                    .isEqualTo(overlay.getRGB(p[0], p[1]));
        }
        // the input tile (first) has no red: the difference is only drawn on the overlay
        assertThat(Pixels.contains(panel, Canvas.GAP, top, tile, tile, ImageRenderer.ADDED, 30)).isFalse();
        assertThat(Pixels.contains(panel, left, top, tile, tile, ImageRenderer.ADDED, 0)).isTrue();
        // caption text between the column titles and the tiles
        assertThat(Pixels.dark(
                        panel,
                        0,
                        Canvas.lineHeight(Canvas.SMALL) + Canvas.GAP,
                        300,
                        3 * Canvas.lineHeight(Canvas.TEXT)))
                .isGreaterThan(100);
    }

    @Test
    void tilesAreInputReconstructionCorrectedProbeSideAndOverlay() {
        Explanation e = SyntheticExplanations.digit("d");
        List<BufferedImage> tiles = ExplanationPanel.tiles(e, 2);
        assertThat(tiles).hasSize(4).allSatisfy(t -> assertThat(t.getWidth()).isEqualTo(56));
        // probe side = input + 0.1 (synthetic), so a black background pixel becomes 26/255 grey
        assertThat(Pixels.at(tiles.get(0), 0, 0)).isEqualTo(Color.BLACK);
        assertThat(Pixels.at(tiles.get(2), 40, 40)).isEqualTo(new Color(26, 26, 26));
    }

    @Test
    void missingGeneratedImagesBecomePlaceholders() {
        Explanation d = SyntheticExplanations.digit("no-generator");
        Explanation e = new Explanation(d.imageId(), d.method(), d.trueClass(), d.probeClass(), 1, 28, 28, d.input(),
                null, null, null, d.difference(), d.before(), d.after(), List.of(), false, d.stop(), Double.NaN,
                Double.NaN, 0, 0, null, 0, -1, null);
        List<BufferedImage> tiles = ExplanationPanel.tiles(e, 2);
        assertThat(Pixels.at(tiles.get(1), 1, 1)).isEqualTo(new Color(225, 225, 225));
        assertThat(Pixels.at(tiles.get(2), 1, 1)).isEqualTo(new Color(225, 225, 225));
        assertThat(ExplanationPanel.render(e).getWidth()).isGreaterThan(0);
    }

    @Test
    void captionNamesQuestionProbabilitiesAndOutcome() {
        List<String> lines = Captions.lines(SyntheticExplanations.digit("mnist#12"), ClassLabels.of(
                List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")));
        assertThat(lines.get(0)).contains("mnist#12").contains("cdeepex").contains("why four and not nine?");
        assertThat(lines.get(1)).contains("p(true) 0.900 -> 0.450").contains("p(probe) 0.060 -> 0.440");
        assertThat(lines.get(2)).startsWith("satisfied").contains("CONVERGED").contains("120 iterations");
    }

    @Test
    void aBaselinesCaptionSaysHowManyContrastiveMapsWereKept() {
        Explanation e = SyntheticExplanations.baseline("mnist#12", io.cdeepex.explain.Method.PDA);
        List<String> lines = Captions.lines(e, ClassLabels.indices());
        assertThat(lines.get(0)).contains("[pda]");
        assertThat(lines.get(2)).isEqualTo("answered: 37 of 400 contrastive weights kept, 1401 model passes");
        assertThat(ExplanationPanel.render(e).getWidth()).isGreaterThan(0);
    }
}
