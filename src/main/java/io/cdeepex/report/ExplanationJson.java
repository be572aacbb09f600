package io.cdeepex.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdeepex.explain.Constraint;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An explanation as JSON: identity and question, probabilities before/after, every constraint, how the
 * solve ended, the H×W difference map (positive = red = added) and the trace. NaN and infinite numbers
 * are written as {@code null}, so the output is always strict JSON.
 */
public final class ExplanationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExplanationJson() {}

    public static String toJson(Explanation e) {
        return toJson(e, ClassLabels.indices());
    }

    /** JSON with {@code trueLabel} and {@code probeLabel} taken from {@code labels}. */
    public static String toJson(Explanation e, ClassLabels labels) {
        return print(toTree(e, labels));
    }

    /** A JSON array, one object per explanation. */
    public static String toJson(List<Explanation> explanations) {
        return toJson(explanations, ClassLabels.indices());
    }

    public static String toJson(List<Explanation> explanations, ClassLabels labels) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Explanation e : explanations) array.add(toTree(e, labels));
        return print(array);
    }

    public static void write(Explanation e, Path file) throws IOException {
        write(toJson(e), file);
    }

    public static void write(List<Explanation> explanations, Path file) throws IOException {
        write(toJson(explanations), file);
    }

    /**
     * JSON with the labels and, as {@code source}, the image as given before the resize to the classifier's input
     * ({@code channels}, {@code height}, {@code width} of the explanation are the classifier's input).
     */
    public static String toJson(Explanation e, ClassLabels labels, SourceImage source) {
        ObjectNode root = toTree(e, labels);
        if (source != null) {
            ObjectNode s = MAPPER.createObjectNode();
            s.put("name", source.name());
            s.put("channels", source.channels());
            s.put("height", source.height());
            s.put("width", source.width());
            root.set("source", s);
        }
        return print(root);
    }

    /** The JSON tree, for callers that embed it in a larger document. */
    public static ObjectNode toTree(Explanation e, ClassLabels labels) {
        ExplanationCheck.valid(e);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("imageId", e.imageId());
        root.put("method", e.method().id());
        root.put("trueClass", e.trueClass());
        root.put("probeClass", e.probeClass());
        root.put("trueLabel", labels.label(e.trueClass()));
        root.put("probeLabel", labels.label(e.probeClass()));
        root.put("channels", e.channels());
        root.put("height", e.height());
        root.put("width", e.width());
        root.set("before", floats(e.before()));
        root.set("after", floats(e.after()));
        number(root, "strongestOtherAfter", (float) e.strongestOtherAfter());
        root.put("trueAndProbeOnTop", e.trueAndProbeOnTop());
        ArrayNode constraints = root.putArray("constraints");
        for (Constraint c : e.constraints() == null ? List.<Constraint>of() : e.constraints()) {
            ObjectNode node = constraints.addObject();
            node.put("name", c.name());
            node.put("kind", c.kind() == null ? null : c.kind().name());
            node.put("otherClass", c.otherClass());
            number(node, "value", c.value());
            node.put("holds", c.holds());
        }
        root.put("satisfied", e.satisfied());
        root.put("stop", e.stop() == null ? null : e.stop().name());
        number(root, "latentDistance", e.latentDistance());
        number(root, "inversionError", e.inversionError());
        root.put("iterations", e.iterations());
        root.put("millis", e.millis());
        root.put("modelEvaluations", e.modelEvaluations());
        if (e.mapsKept() >= 0) root.put("mapsKept", e.mapsKept());
        ObjectNode diagnostics = root.putObject("diagnostics");
        new java.util.TreeMap<>(e.diagnostics()).forEach((k, v) -> number(diagnostics, k, v));
        ArrayNode difference = root.putArray("difference");
        for (int row = 0; row < e.height(); row++) {
            ArrayNode values = difference.addArray();
            for (int col = 0; col < e.width(); col++) add(values, e.difference()[row * e.width() + col]);
        }
        Trace trace = e.trace() == null ? Trace.empty() : e.trace();
        ObjectNode t = root.putObject("trace");
        ArrayNode iterations = t.putArray("iterations");
        for (int i : trace.iterations()) iterations.add(i);
        t.set("true", floats(trace.trueProbability()));
        t.set("probe", floats(trace.probeProbability()));
        t.set("other", floats(trace.otherProbability()));
        return root;
    }

    private static ArrayNode floats(float[] values) {
        ArrayNode array = MAPPER.createArrayNode();
        if (values != null) for (float v : values) add(array, v);
        return array;
    }

    /** Floats are written as floats (shortest decimal that reads back to the same float); non-finite as null. */
    private static void add(ArrayNode array, float v) {
        if (Float.isFinite(v)) array.add(v);
        else array.addNull();
    }

    private static void number(ObjectNode node, String key, float v) {
        if (Float.isFinite(v)) node.put(key, v);
        else node.putNull(key);
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) node.put(key, v);
        else node.putNull(key);
    }

    private static String print(Object tree) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("writing explanation JSON failed", ex);
        }
    }

    private static void write(String json, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }
}
