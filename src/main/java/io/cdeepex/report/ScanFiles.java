package io.cdeepex.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ProbeAggregate;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.Sign;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scan's files: scan.json (written atomically, so a partial scan is always readable) and per-probe PNGs. */
public final class ScanFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScanFiles() {}

    /** Writes the JSON to a temporary file beside {@code file} and moves it over, so readers never see half. */
    public static void writeJson(ScanResult r, Path file) throws IOException {
        writeAtomically(file, json(r));
    }

    /** Writes {@link ScanPage}'s HTML, atomically like the JSON. */
    public static void writePage(ScanResult r, Path file) throws IOException {
        writeAtomically(file, ScanPage.html(r));
    }

    /** Writes the file through a temporary sibling, so a reader never sees it half written. */
    public static void writeAtomically(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The JSON of {@link #writeJson} as a string. */
    public static String json(ScanResult r) {
        try {
            return MAPPER.writeValueAsString(toMap(r));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Map<String, Object> toMap(ScanResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("complete", r.complete());
        m.put("classifier", r.classifier());
        m.put("generator", r.generator());
        m.put("samples", r.samples());
        m.put("millis", r.millis());
        m.put("settings", r.settings());
        m.put("probes", r.probes());
        List<Map<String, Object>> probes = new ArrayList<>();
        for (ProbeAggregate a : r.aggregates()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("probe", a.probeClass());
            p.put("images", a.images());
            p.put("satisfied", a.satisfied());
            p.put("trueClasses", a.redByTrueClass().keySet().stream().sorted().toList());
            p.put("findings", r.findingsFor(a.probeClass()).size());
            probes.add(p);
        }
        m.put("probesDone", probes);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) findings.add(finding(f));
        m.put("findings", findings);
        return m;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probe", f.probeClass());
        m.put("sign", f.sign().name().toLowerCase(java.util.Locale.ROOT));
        m.put("box", Map.of("x", f.box().x(), "y", f.box().y(), "width", f.box().width(),
                "height", f.box().height()));
        m.put("score", f.score());
        m.put("evidence", f.evidence());
        m.put("excessShare", f.excessShare());
        m.put("consistency", f.consistency());
        m.put("supportClasses", f.supportClasses());
        m.put("explainedClasses", f.explainedClasses());
        m.put("checkImages", f.check().images());
        m.put("flipRate", f.check().flipRate());
        double[] ci = f.check().flipRateInterval();
        m.put("flipRateLow", ci[0]);
        m.put("flipRateHigh", ci[1]);
        m.put("baseRate", f.check().baseRate());
        m.put("pastedPattern", f.check().pattern().name().toLowerCase(java.util.Locale.ROOT));
        m.put("flippedClasses", f.check().flippedClasses());
        m.put("checkedClasses", f.check().checkedClasses());
        return m;
    }

    /** probe-K-red.png, probe-K-blue.png, probe-K-consistency.png and probe-K-findings.png (boxes drawn). */
    public static void writeProbeImages(ScanResult r, ProbeAggregate a, Path dir) throws IOException {
        String p = "probe-" + a.probeClass();
        for (Map.Entry<String, BufferedImage> e : probeImages(r, a).entrySet()) {
            PngImages.write(e.getValue(), dir.resolve(p + "-" + e.getKey() + ".png"));
        }
    }

    /** The pictures of one probe class, by name: red, blue, consistency, findings (with legend). */
    static Map<String, BufferedImage> probeImages(ScanResult r, ProbeAggregate a) {
        int h = a.height();
        int w = a.width();
        int scale = ImageRenderer.scaleFor(h, w);
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        out.put("red", ImageRenderer.heatmap(a.meanRed(), h, w, scale));
        out.put("blue", ImageRenderer.heatmap(negate(a.meanBlue()), h, w, scale));
        out.put("consistency", ImageRenderer.heatmap(a.consistency(), h, w, scale));
        float[] both = new float[h * w];
        for (int i = 0; i < both.length; i++) both[i] = a.meanRed()[i] - a.meanBlue()[i];
        BufferedImage overview = ImageRenderer.heatmap(both, h, w, scale);
        Graphics2D g = overview.createGraphics();
        for (Finding f : r.findingsFor(a.probeClass())) {
            Region b = f.box();
            g.setColor(f.sign() == Sign.ADDED ? new Color(160, 0, 0) : new Color(0, 0, 160));
            g.drawRect(b.x() * scale, b.y() * scale, b.width() * scale - 1, b.height() * scale - 1);
        }
        g.dispose();
        out.put("findings", ImageRenderer.withLegend(overview));
        return out;
    }

    private static float[] negate(float[] m) {
        float[] out = new float[m.length];
        for (int i = 0; i < m.length; i++) out[i] = -m[i];
        return out;
    }
}
