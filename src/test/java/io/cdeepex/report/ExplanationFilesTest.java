package io.cdeepex.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExplanationFilesTest {

    @Test
    void writesJsonAndFivePictures(@TempDir Path tmp) throws Exception {
        Explanation e = SyntheticExplanations.digit("mnist#3");
        Path dir = tmp.resolve("out/mnist-3");
        List<Path> written = ExplanationFiles.write(e, dir);

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(ExplanationFiles.ALL);
        assertThat(ExplanationFiles.ALL)
                .containsExactlyInAnyOrder(
                        "explanation.json",
                        "input.png",
                        "reconstruction.png",
                        "probe-side.png",
                        "overlay.png",
                        "trace.png");
        assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile().isNotEmptyFile());

        assertThat(new ObjectMapper().readTree(dir.resolve("explanation.json").toFile()).get("imageId").asText())
                .isEqualTo("mnist#3");
        for (String name : List.of("input.png", "reconstruction.png", "probe-side.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertThat(image.getWidth()).as(name).isEqualTo(252);
            assertThat(image.getHeight()).as(name).isEqualTo(252);
        }
        BufferedImage overlay = ImageIO.read(dir.resolve("overlay.png").toFile());
        assertThat(overlay.getWidth()).isEqualTo(252);
        assertThat(overlay.getHeight()).as("image plus legend strip").isGreaterThan(252);
        assertThat(Pixels.at(overlay, 10, 10)).isEqualTo(ImageRenderer.ADDED);
        BufferedImage trace = ImageIO.read(dir.resolve("trace.png").toFile());
        assertThat(trace.getWidth()).isEqualTo(TracePlot.WIDTH);
        assertThat(trace.getHeight()).isEqualTo(TracePlot.HEIGHT);
    }

    @Test
    void aBaselineGetsNoReconstructionAndNoTrace(@TempDir Path dir) throws Exception {
        List<Path> written = ExplanationFiles.write(SyntheticExplanations.baseline("mnist#3", Method.LIME), dir);
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(ExplanationFiles.JSON,
                ExplanationFiles.INPUT, ExplanationFiles.PROBE_SIDE, ExplanationFiles.OVERLAY);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(ExplanationFiles.JSON).toFile());
        assertThat(json.get("method").asText()).isEqualTo("lime");
        assertThat(json.get("mapsKept").asInt()).isEqualTo(37);
        assertThat(json.get("modelEvaluations").asLong()).isEqualTo(1401);
        assertThat(json.get("diagnostics").get("contrast.weightsTried").asDouble()).isEqualTo(400.0);
        assertThat(json.get("latentDistance").isNull()).isTrue();
        assertThat(json.get("stop").asText()).isEqualTo("MAPS_KEPT");
    }

    @Test
    void rewritingReplacesTheFiles(@TempDir Path dir) throws Exception {
        ExplanationFiles.write(SyntheticExplanations.digit("first"), dir);
        ExplanationFiles.write(SyntheticExplanations.digit("second"), dir);
        assertThat(new ObjectMapper().readTree(dir.resolve(ExplanationFiles.JSON).toFile()).get("imageId").asText())
                .isEqualTo("second");
    }
}
