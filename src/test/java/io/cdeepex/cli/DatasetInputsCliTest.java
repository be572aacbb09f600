package io.cdeepex.cli;

import io.cdeepex.data.PngFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data a user hands to {@code evaluate} and {@code explain}, run as the user runs them: images from another
 * domain than the classifier's, PNGs without labels, with other channel layouts or sizes, broken PNGs, bad plants.
 */
class DatasetInputsCliTest {
    private static final String TINY_CNN = "src/test/resources/models/tiny-cnn";
    private static final String TINY_GEN = "src/test/resources/models/tiny-gen";

    @TempDir
    Path dir;

    private static CliRun cdeepex(String... args) {
        return CliRun.of(args);
    }

    private static CliRun evaluate(String dataset, String... more) {
        return cdeepex(Stream.concat(Stream.of("evaluate", "--device", "cpu", "--classifier", TINY_CNN, "--dataset",
                dataset), Stream.of(more)).toArray(String[]::new));
    }

    @Test
    void evaluateRefusesADatasetOfOtherClassesAndTakesTheOverride() {
        CliRun run = evaluate("fashion-samples");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("fashion-samples's classes [T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal,"
                        + " Shirt, Sneaker, Bag, Ankle boot]",
                "tiny-cnn's classNames [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", "label 0 is 'T-shirt/top' in the dataset but"
                        + " '0' for the classifier", "--ignore-class-names");
        assertThat(run.out()).doesNotContain("accuracy");

        CliRun relabelled = evaluate("fashion-samples", "--ignore-class-names", "--limit", "20");
        assertThat(relabelled.exit()).as(relabelled.out() + relabelled.err()).isZero();
        assertThat(relabelled.out()).contains("classifier tiny-cnn on fashion-samples (20 images)", "accuracy");
        assertThat(relabelled.err()).contains("--ignore-class-names: fashion-samples's labels are scored as tiny-cnn's"
                + " classes");

        CliRun same = evaluate("mnist-samples", "--limit", "20");
        assertThat(same.exit()).as(same.out() + same.err()).isZero();
    }

    @Test
    void explainRefusesADatasetImageOfOtherClassesBeforeSolving() {
        CliRun run = cdeepex("explain", "--device", "cpu", "--classifier", TINY_CNN, "--generator", TINY_GEN,
                "--dataset", "fashion-samples", "--index", "0", "--out", dir.resolve("out").toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("fashion-samples's classes [T-shirt/top,", "tiny-cnn's classNames [0, 1,",
                "--ignore-class-names");
        assertThat(run.out()).doesNotContain("explaining");
        assertThat(dir.resolve("out/explanation.json")).doesNotExist();
    }

    @Test
    void evaluateSaysAPngHasNoLabel() throws Exception {
        Path png = PngFiles.grey(dir.resolve("digit.png"), 28, 28);

        CliRun run = evaluate(png.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(png + ": a PNG carries no class label, so evaluate has nothing to score",
                "an IDX images file with its labels file", "explain --image " + png)
                .doesNotContain("label -1");
    }

    @Test
    void anRgbaPngIsCalledRgba() throws Exception {
        Path png = PngFiles.rgba(dir.resolve("colour.png"), 28, 28);

        CliRun run = cdeepex("explain", "--device", "cpu", "--classifier", TINY_CNN, "--generator", TINY_GEN,
                "--image", png.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(png + " is an RGBA PNG (8 bits per channel), read as 3 channels (RGB, alpha"
                + " dropped), but tiny-cnn expects 1 channel (grey)").doesNotContain("3-channel");
    }

    @Test
    void brokenPngsAreNamedAndHugeOnesRefusedFromTheirHeader() throws Exception {
        Path half = PngFiles.truncated(dir.resolve("half.png"), 45);
        Path header = PngFiles.truncated(dir.resolve("header.png"), 33);
        Path huge = PngFiles.claiming(dir.resolve("huge.png"), 50_000, 50_000);

        CliRun cut = evaluate(half.toString());
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.err()).contains(half + ": the PNG is truncated: the file ends at byte 45, inside its IDAT"
                + " chunk");

        CliRun headerOnly = evaluate(header.toString());
        assertThat(headerOnly.exit()).isEqualTo(1);
        assertThat(headerOnly.err()).contains(header + ": the PNG is truncated: the file ends at byte 33, after its"
                + " IHDR chunk, before any image data");

        CliRun big = evaluate(huge.toString());
        assertThat(big.exit()).isEqualTo(1);
        assertThat(big.err()).contains(huge + ": its header says 50000x50000 pixels (width x height), more than"
                + " the 16777216 (4096x4096) this tool reads");
    }

    @Test
    void aStretchedPngIsWarnedAboutAndItsSizeRecorded() throws Exception {
        Path png = PngFiles.grey(dir.resolve("wide.png"), 100, 50);
        Path out = dir.resolve("out");

        CliRun run = cdeepex("explain", "--device", "cpu", "--classifier", TINY_CNN, "--generator", TINY_GEN,
                // integrated gradients: a fast answer (the tiny random generator's search runs to its iteration cap)
                "--image", png.toString(), "--method", "ig", "--out", out.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("warning: " + png + " is 100x50 pixels (width x height) and is stretched to"
                + " 28x28 for tiny-cnn's input, which changes its aspect ratio");
        String json = Files.readString(out.resolve("explanation.json"));
        assertThat(json).containsPattern("\"source\" : \\{\\s*\"name\" : \"" + Pattern.quote(png.toString())
                + "\",\\s*\"channels\" : 1,\\s*\"height\" : 50,\\s*\"width\" : 100");
    }

    @Test
    void aPlantWithoutKeysSaysWhichAreMissingAndTheSyntax() {
        CliRun run = evaluate("mnist-samples", "--plant", "square");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("plant spec 'square' has no keys; missing x, y, size, value. Expected"
                + " square|ring|hline|vline:[class=C,]x=X,y=Y,size=S,value=V[,share=F] (class and share optional),"
                + " e.g. square:class=8,x=0,y=0,size=6,value=0.5");
    }
}
