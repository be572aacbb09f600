package io.cdeepex.report;

import io.cdeepex.explain.Explanation;
import io.qameta.allure.Allure;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts explanations into the Allure report of the running test: PNG pictures, the JSON, summary and
 * method grids, text, and numbers as parameters. Attachment names carry the image id and method.
 *
 * <p>Safe from parallel test threads: rendering shares no state and Allure's lifecycle synchronises
 * its own bookkeeping; each thread's attachments go to the test (or step) running on that thread, or
 * on the thread that started it. Outside a running test these methods attach nothing and return
 * {@code false}: Allure itself would only log an error there, but would still write an orphan
 * attachment file into the results directory. A failure to write an attachment is logged, never thrown,
 * so that reporting cannot fail an audit.
 */
public final class AllureAttachments {
    private static final System.Logger LOG = System.getLogger(AllureAttachments.class.getName());

    private AllureAttachments() {}

    /** Whether a test or step is running on this thread, i.e. whether attachments have a home. */
    public static boolean active() {
        try {
            return Allure.getLifecycle().getCurrentTestCaseOrStep().isPresent();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Allure lifecycle not available: " + e);
            return false;
        }
    }

    public static boolean attach(Explanation e) {
        return attach(e, ClassLabels.indices());
    }

    /**
     * Attaches input, reconstruction, probe side (G(ze) corrected), overlay (with legend), trace plot
     * and JSON of one explanation, each named "{imageId} [{method}] {true}->{probe}: {what}".
     *
     * @return whether the attachments were added (false outside a running test)
     */
    public static boolean attach(Explanation e, ClassLabels labels) {
        if (!active()) return false;
        ExplanationCheck.valid(e);
        String name = Captions.name(e, labels);
        List<BufferedImage> tiles = ExplanationPanel.tiles(e, ImageRenderer.scaleFor(e.height(), e.width()));
        if (!e.method().generative()) { // a pixel map: no generator images, no solver trace
            return png(name + ": input", tiles.get(0))
                    & png(name + ": input with the answer imposed", tiles.get(2))
                    & png(name + ": overlay (red = added, blue = removed)", ImageRenderer.withLegend(tiles.get(3)))
                    & json(name + ": explanation.json", ExplanationJson.toJson(e, labels));
        }
        return png(name + ": input", tiles.get(0))
                & png(name + ": reconstruction G(z0)", tiles.get(1))
                & png(name + ": probe side G(ze) corrected", tiles.get(2))
                & png(name + ": overlay (red = added, blue = removed)", ImageRenderer.withLegend(tiles.get(3)))
                & png(name + ": trace", TracePlot.render(e, labels))
                & json(name + ": explanation.json", ExplanationJson.toJson(e, labels));
    }

    /** Attaches the one-row panel (input | G(z0) | G(ze) corrected | overlay with caption). */
    public static boolean attachPanel(Explanation e, ClassLabels labels) {
        if (!active()) return false;
        return png(Captions.name(e, labels) + ": panel", ExplanationPanel.render(e, labels));
    }

    public static boolean attachSummary(String title, List<Explanation> explanations) {
        return attachSummary(title, explanations, ClassLabels.indices());
    }

    /**
     * Attaches one {@link SummaryGrid} picture (at most {@link SummaryGrid#DEFAULT_MAX_ROWS} rows) and the list's JSON.
     */
    public static boolean attachSummary(String title, List<Explanation> explanations, ClassLabels labels) {
        if (!active()) return false;
        return png(title, SummaryGrid.render(title, explanations, labels, SummaryGrid.DEFAULT_MAX_ROWS))
                & json(title + ": explanations.json", ExplanationJson.toJson(explanations, labels));
    }

    public static boolean attachComparison(String title, Map<String, List<Explanation>> byMethod) {
        return attachComparison(title, byMethod, ClassLabels.indices());
    }

    /** Attaches one {@link MethodComparisonGrid} picture: rows = questions, columns = methods. */
    public static boolean attachComparison(String title, Map<String, List<Explanation>> byMethod, ClassLabels labels) {
        if (!active()) return false;
        return png(title, MethodComparisonGrid.render(title, byMethod, labels, SummaryGrid.DEFAULT_MAX_ROWS));
    }

    /** Attaches a scan's page ({@link ScanPage}: findings with flip rates, mean maps per probe) and its JSON. */
    public static boolean attachScan(io.cdeepex.explain.scan.ScanResult scan) {
        if (!active()) return false;
        String name = "scan of " + scan.classifier() + " with " + scan.generator();
        try {
            return add(name, "text/html", ScanPage.html(scan).getBytes(StandardCharsets.UTF_8), "html")
                    & json(name + ": scan.json", ScanFiles.json(scan));
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "could not attach " + name + ": " + ex);
            return false;
        }
    }

    public static boolean attachText(String name, String text) {
        if (!active()) return false;
        return add(name, "text/plain", text.getBytes(StandardCharsets.UTF_8), "txt");
    }

    /** Attaches any rendered picture as PNG. */
    public static boolean attachPng(String name, BufferedImage image) {
        if (!active()) return false;
        return png(name, image);
    }

    /**
     * Records the explanation's key numbers as Allure parameters named "{imageId} [{method}] ...". They
     * are excluded from Allure's history id, so changing numbers do not split a test's history.
     */
    public static boolean recordParameters(Explanation e, ClassLabels labels) {
        if (!active()) return false;
        ExplanationCheck.valid(e);
        String prefix = Captions.name(e, labels) + " ";
        try {
            Allure.parameter(prefix + "p(true) before->after",
                    Captions.p(e.before()[e.trueClass()]) + " -> " + Captions.p(e.after()[e.trueClass()]), true);
            Allure.parameter(prefix + "p(probe) before->after",
                    Captions.p(e.before()[e.probeClass()]) + " -> " + Captions.p(e.after()[e.probeClass()]), true);
            Allure.parameter(prefix + "p(strongest other) after", Captions.p(e.strongestOtherAfter()), true);
            Allure.parameter(prefix + "satisfied", String.valueOf(e.satisfied()), true);
            Allure.parameter(prefix + "stop", String.valueOf(e.stop()), true);
            if (e.method().generative()) {
                Allure.parameter(prefix + "|ze-z0|", Captions.p(e.latentDistance()), true);
                Allure.parameter(prefix + "iterations", String.valueOf(e.iterations()), true);
            } else {
                Allure.parameter(prefix + "contrastive maps kept", String.valueOf(e.mapsKept()), true);
            }
            Allure.parameter(prefix + "model passes", String.valueOf(e.modelEvaluations()), true);
            Allure.parameter(prefix + "millis", String.valueOf(e.millis()), true);
            return true;
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "could not record Allure parameters for " + prefix.trim() + ": " + ex);
            return false;
        }
    }

    private static boolean png(String name, BufferedImage image) {
        return add(name, "image/png", PngImages.bytes(image), "png");
    }

    private static boolean json(String name, String json) {
        return add(name, "application/json", json.getBytes(StandardCharsets.UTF_8), "json");
    }

    private static boolean add(String name, String type, byte[] content, String extension) {
        try {
            Allure.addAttachment(name, type, new ByteArrayInputStream(content), extension);
            return true;
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT,
                    "could not write Allure attachment '%s' (%s): %s", name, type, ex));
            return false;
        }
    }
}
