package io.cdeepex.report;

import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ProbeAggregate;
import io.cdeepex.explain.scan.ScanResult;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scan as one self-contained HTML page (pictures inlined): the ranked findings with their flip rates, then per
 * probe class the mean added and removed maps, the consistency map and the findings drawn on the mean map. The
 * CLI writes it as scan.html; the Allure report shows it as an attachment.
 */
public final class ScanPage {
    /** Findings listed in the table (the rest are in scan.json). */
    static final int MAX_LISTED = 30;

    private ScanPage() {}

    public static String html(ScanResult r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Scan of ").append(esc(r.classifier()))
                .append("</title><style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
                        + "img{width:192px;image-rendering:pixelated;margin-right:6px}"
                        + ".shortcut{background:#fdd}</style></head><body>\n");
        b.append("<h1>Scan of ").append(esc(r.classifier())).append(" with ").append(esc(r.generator()))
                .append(" on ").append(esc(r.samples())).append("</h1>\n<p>")
                .append(r.complete() ? "Complete" : "<b>Incomplete</b>").append(": ").append(r.aggregates().size())
                .append(" of ").append(r.probes().size()).append(" probe classes, ").append(r.findings().size())
                .append(" findings, ").append(r.millis() / 1000).append(" s. A finding flips an image when the "
                        + "classifier calls the probe class after its pattern is pasted; rows with a flip rate of "
                        + "0.2 or more are marked.</p>\n");
        findingsTable(b, r);
        for (ProbeAggregate a : r.aggregates()) {
            b.append("<h2>Why not ").append(esc(label(r, a.probeClass()))).append("? (").append(a.images())
                    .append(" images, ").append(a.satisfied()).append(" satisfied)</h2>\n<p>");
            for (Map.Entry<String, BufferedImage> e : ScanFiles.probeImages(r, a).entrySet()) {
                b.append("<figure style=\"display:inline-block\"><img alt=\"").append(e.getKey())
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(PngImages.bytes(e.getValue())))
                        .append("\"><figcaption>").append(caption(e.getKey())).append("</figcaption></figure>");
            }
            b.append("</p>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void findingsTable(StringBuilder b, ScanResult r) {
        List<Finding> fs = r.findings();
        if (fs.isEmpty()) {
            b.append("<p>No findings.</p>\n");
            return;
        }
        b.append("<table><tr><th>rank</th><th>probe</th><th>sign</th><th>box (x, y, w x h)</th><th>score</th>"
                + "<th>flip rate</th><th>flip rate, 95 % interval</th><th>base rate</th><th>flipped classes</th>"
                + "<th>consistency</th><th>excess share</th><th>support</th></tr>\n");
        for (int i = 0; i < Math.min(MAX_LISTED, fs.size()); i++) {
            Finding f = fs.get(i);
            double[] interval = f.check().flipRateInterval();
            b.append(f.check().flipRate() >= 0.2 ? "<tr class=\"shortcut\">" : "<tr>")
                    .append(String.format(Locale.ROOT, "<td>%d</td><td>%s</td><td>%s</td><td>%d, %d, %d x %d</td>"
                                    + "<td>%.4f</td><td>%.3f</td><td>%.3f&ndash;%.3f</td><td>%.3f</td><td>%d/%d</td>"
                                    + "<td>%.3f</td><td>%.3f</td><td>%d/%d</td></tr>\n", i + 1,
                            esc(label(r, f.probeClass())),
                            f.sign().name().toLowerCase(Locale.ROOT), f.box().x(), f.box().y(), f.box().width(),
                            f.box().height(), f.score(), f.check().flipRate(), interval[0], interval[1],
                            f.check().baseRate(),
                            f.check().flippedClasses(), f.check().checkedClasses(), f.consistency(),
                            f.excessShare(), f.supportClasses(), f.explainedClasses()));
        }
        b.append("</table>\n");
        if (fs.size() > MAX_LISTED) {
            b.append("<p>").append(fs.size() - MAX_LISTED).append(" more findings in scan.json.</p>\n");
        }
    }

    private static String caption(String picture) {
        return switch (picture) {
            case "red" -> "mean added (red)";
            case "blue" -> "mean removed (blue)";
            case "consistency" -> "share of images adding each pixel";
            default -> "findings on the mean map";
        };
    }

    private static String label(ScanResult r, int k) {
        // Digits are named by their index; say the name only where it adds something ("3 (dress)", not "3 (3)").
        if (k >= r.classNames().size() || r.classNames().get(k).equals(String.valueOf(k))) return String.valueOf(k);
        return k + " (" + r.classNames().get(k) + ")";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
