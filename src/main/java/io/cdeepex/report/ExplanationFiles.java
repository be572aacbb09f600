package io.cdeepex.report;

import io.cdeepex.explain.Explanation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one explanation as a directory of files (what the CLI's {@code explain} command leaves behind):
 * {@code explanation.json}, {@code input.png}, {@code reconstruction.png}, {@code probe-side.png}
 * (G(ze) corrected, what the classifier saw), {@code overlay.png} (with colour legend) and {@code trace.png}.
 */
public final class ExplanationFiles {
    public static final String JSON = "explanation.json";
    public static final String INPUT = "input.png";
    public static final String RECONSTRUCTION = "reconstruction.png";
    public static final String PROBE_SIDE = "probe-side.png";
    public static final String OVERLAY = "overlay.png";
    public static final String TRACE = "trace.png";
    /** Every file {@link #write} creates, in the order it creates them. */
    public static final List<String> ALL = List.of(JSON, INPUT, RECONSTRUCTION, PROBE_SIDE, OVERLAY, TRACE);

    private ExplanationFiles() {}

    public static List<Path> write(Explanation e, Path dir) throws IOException {
        return write(e, dir, ClassLabels.indices());
    }

    /**
     * Writes the six files into {@code dir} (created if missing, files replaced) and returns their paths; for a
     * baseline method (LIME, IG, PDA) four: no reconstruction and no trace.
     */
    public static List<Path> write(Explanation e, Path dir, ClassLabels labels) throws IOException {
        return write(e, dir, labels, null);
    }

    /** As {@link #write(Explanation, Path, ClassLabels)}, with the image as given recorded in the JSON (or null). */
    public static List<Path> write(Explanation e, Path dir, ClassLabels labels, SourceImage source) throws IOException {
        ExplanationCheck.valid(e);
        Files.createDirectories(dir);
        int scale = ImageRenderer.scaleFor(e.height(), e.width());
        List<BufferedImage> tiles = ExplanationPanel.tiles(e, scale);
        List<Path> written = new ArrayList<>(ALL.size());
        Path json = dir.resolve(JSON);
        Files.writeString(json, ExplanationJson.toJson(e, labels, source));
        written.add(json);
        boolean generative = e.method().generative(); // a baseline has no reconstruction and no solver trace
        written.add(png(tiles.get(0), dir.resolve(INPUT)));
        if (generative) written.add(png(tiles.get(1), dir.resolve(RECONSTRUCTION)));
        written.add(png(tiles.get(2), dir.resolve(PROBE_SIDE)));
        written.add(png(ImageRenderer.withLegend(tiles.get(3)), dir.resolve(OVERLAY)));
        if (generative) written.add(png(TracePlot.render(e, labels), dir.resolve(TRACE)));
        return written;
    }

    private static Path png(BufferedImage image, Path file) throws IOException {
        PngImages.write(image, file);
        return file;
    }
}
