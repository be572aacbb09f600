package io.cdeepex.audit.suite;

import com.fasterxml.jackson.core.JsonToken;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.text.DidYouMean;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Typed access to one mapping of a suite file, aware of its path ({@code cases[2].question}). Every mistake
 * (unknown key, wrong type, value out of range, missing required key) becomes a {@link SuiteProblem} naming line,
 * column, field and what was expected; the getters then return null so that reading can go on and report
 * every problem of the file at once.
 */
final class Fields {
    private final YamlNode.Mapping map;
    private final String path;
    private final Problems problems;

    private Fields(YamlNode.Mapping map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The mapping at {@code path}, or null (with a problem) when the node is something else. */
    static Fields of(YamlNode node, String path, Problems problems, String what) {
        if (node instanceof YamlNode.Mapping m) return new Fields(m, path, problems);
        problems.add(node.position(), path, "expected " + what + " (a mapping of key: value lines), got "
                + node.kind());
        return null;
    }

    Position position() { return map.position(); }

    String path() { return path; }

    Problems problems() { return problems; }

    /** The path of a key of this mapping. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The keys as written, in file order. */
    List<String> keysInOrder() {
        return List.copyOf(map.entries().keySet());
    }

    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** Where the key's value was written, or the mapping itself when the key is absent. */
    Position at(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? map.position() : e.value().position();
    }

    YamlNode node(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
    }

    /** Reports every key that is not allowed here, with the nearest allowed key as a suggestion. */
    void allowOnly(Collection<String> allowed, String what) {
        for (Map.Entry<String, YamlNode.Entry> e : map.entries().entrySet()) {
            if (allowed.contains(e.getKey())) continue;
            String suggestion = DidYouMean.suggest(e.getKey(), allowed).map(s -> "did you mean '" + s + "'? ")
                    .orElse("");
            problems.add(e.getValue().keyPosition(), path(e.getKey()), "unknown key '" + e.getKey() + "' in " + what
                    + "; " + suggestion + "expected one of: " + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    /** Adds a problem at the key (or at the mapping when the key is absent). */
    void problem(String key, String message) {
        problems.add(at(key), key == null ? path : path(key), message);
    }

    void require(String key, String what) {
        if (!has(key)) problems.add(map.position(), path(key), "missing; expected " + what);
    }

    String string(String key) {
        YamlNode n = node(key);
        return n == null ? null : string(n, path(key), problems);
    }

    String requiredString(String key, String what) {
        require(key, what);
        return string(key);
    }

    /** A true/false value, or null when absent or not a boolean (then with a problem). */
    Boolean bool(String key) {
        YamlNode n = node(key);
        if (n == null) return null;
        if (n instanceof YamlNode.Scalar s && (s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE
                || s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_FALSE)) {
            return s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
        }
        problems.add(n.position(), path(key), "expected true or false, got " + n.kind());
        return null;
    }

    Integer integer(String key, int min, int max) {
        YamlNode n = node(key);
        return n == null ? null : integer(n, path(key), problems, min, max);
    }

    Long longInteger(String key) {
        YamlNode n = node(key);
        if (n == null) return null;
        if (n instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT
                && (s.value() instanceof Integer || s.value() instanceof Long)) {
            return s.value().longValue();
        }
        problems.add(n.position(), path(key), "expected an integer, got " + n.kind());
        return null;
    }

    Double number(String key, double min, double max) {
        YamlNode n = node(key);
        return n == null ? null : number(n, path(key), problems, min, max);
    }

    /** A list of scalars as text; a single scalar counts as a one-element list. */
    List<String> strings(String key) {
        YamlNode n = node(key);
        if (n == null) return null;
        List<String> out = new ArrayList<>();
        if (n instanceof YamlNode.Scalar) {
            String s = string(n, path(key), problems);
            if (s != null) out.add(s);
            return out;
        }
        List<YamlNode> items = list(key);
        if (items == null) return null;
        for (int i = 0; i < items.size(); i++) {
            String s = string(items.get(i), path(key) + "[" + i + "]", problems);
            if (s != null) out.add(s);
        }
        return out;
    }

    List<Integer> integers(String key, int min, int max) {
        List<YamlNode> items = list(key);
        if (items == null) return null;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Integer v = integer(items.get(i), path(key) + "[" + i + "]", problems, min, max);
            if (v != null) out.add(v);
        }
        return out;
    }

    List<YamlNode> list(String key) {
        YamlNode n = node(key);
        if (n == null) return null;
        if (n instanceof YamlNode.Sequence s) return s.items();
        problems.add(n.position(), path(key), "expected a list (lines starting with '- ', or [a, b]), got " + n.kind());
        return null;
    }

    /**
     * A plant spec ({@code square:...}) under the key, or null when absent or invalid (then with the parser's
     * message).
     */
    PlantSpec plant(String key) {
        String spec = has(key) ? string(key) : null;
        if (spec == null) return null;
        try {
            return PlantSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    /** The nested mapping under the key, or null when absent or not a mapping (then with a problem). */
    Fields mapping(String key, String what) {
        YamlNode n = node(key);
        return n == null ? null : of(n, path(key), problems, what);
    }

    static String string(YamlNode n, String path, Problems problems) {
        if (n instanceof YamlNode.Scalar s && !s.isNull()) return s.text();
        problems.add(n.position(), path, "expected a text value, got " + n.kind());
        return null;
    }

    static Integer integer(YamlNode n, String path, Problems problems, int min, int max) {
        if (!(n instanceof YamlNode.Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
            problems.add(n.position(), path, "expected an integer" + range(min, max) + ", got " + n.kind());
            return null;
        }
        long v = s.value().longValue();
        if (!(s.value() instanceof Integer || s.value() instanceof Long) || v < min || v > max) {
            problems.add(n.position(), path, "expected an integer" + range(min, max) + ", got " + s.text());
            return null;
        }
        return (int) v;
    }

    static Double number(YamlNode n, String path, Problems problems, double min, double max) {
        if (!(n instanceof YamlNode.Scalar s) || !s.isNumber()) {
            problems.add(n.position(), path, "expected a number" + range(min, max) + ", got " + n.kind());
            return null;
        }
        double v = s.value().doubleValue();
        if (!Double.isFinite(v) || v < min || v > max) {
            String what = Double.isNaN(v) ? " (not a number)" : Double.isInfinite(v) ? " (not a finite number)" : "";
            problems.add(n.position(), path, "expected a number" + range(min, max) + ", got " + s.text() + what);
            return null;
        }
        return v;
    }

    private static String range(double min, double max) {
        boolean hasMin = min > -Double.MAX_VALUE && min != Integer.MIN_VALUE;
        boolean hasMax = max < Double.MAX_VALUE && max != Integer.MAX_VALUE;
        if (hasMin && hasMax) return " in " + format(min) + ".." + format(max);
        if (hasMin) return " >= " + format(min);
        if (hasMax) return " <= " + format(max);
        return "";
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
