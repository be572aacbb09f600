package io.cdeepex.audit.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads YAML text into a {@link YamlNode} tree that keeps every value's line and column.
 *
 * <p>Aliases are expanded here, with limits. Jackson's streaming YAML parser reports an alias ({@code *name}) as a
 * plain string holding the anchor's name, and SnakeYAML's alias limit
 * ({@link LoaderOptions#setMaxAliasesForCollections}) lives in its composer, which Jackson does not use. Left alone,
 * {@code classifier: *model} would silently mean a classifier named "model". So the reader resolves aliases itself,
 * allows at most {@link #MAX_COLLECTION_ALIASES} aliases to lists or mappings (SnakeYAML's default), at most
 * {@link #MAX_ALIASES} aliases of any kind (a file of tens of thousands of aliases to one scalar stays under the size
 * cap but is no hand-written suite) and at most {@link #MAX_NODES} values after expansion, which stops a "billion
 * laughs" alias bomb at its first levels. Merge keys ({@code <<: *defaults}) are supported; explicit keys win over
 * merged ones. Duplicate keys are problems, never "last one wins".
 */
final class YamlTreeReader {
    static final int MAX_COLLECTION_ALIASES = 50;
    static final int MAX_ALIASES = 1000;
    static final long MAX_NODES = 100_000;
    static final int MAX_CHARACTERS = 1 << 20;

    private static final YAMLFactory FACTORY = factory();
    /** A scalar's anchor as written before it, with an optional tag before: {@code &s qa}, {@code !!str &s qa}. */
    private static final Pattern SCALAR_ANCHOR = Pattern.compile("(?:![^\\s]*\\s+)?&([^\\s,\\[\\]{}]+)");

    private final Problems problems;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private YAMLParser parser;
    private String text;
    private int collectionAliases;
    private int aliases;
    private final Set<String> unresolved = new HashSet<>();
    private long nodes;

    private YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The factory every suite is read with; the loader options are set as well, for any SnakeYAML code path that
     * uses them.
     */
    static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setCodePointLimit(MAX_CHARACTERS);
        // Duplicate keys stay allowed here: with them forbidden Jackson fails with a bare "Duplicate field";
        // the reader reports them itself, naming both places.
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /**
     * The tree of one YAML document. Duplicate keys are added to {@code problems}; anything that stops reading
     * (syntax error, alias bomb, empty file, several documents) is thrown with everything collected so far.
     *
     * @throws AuditSuiteException when the text is not a readable YAML document
     */
    static YamlNode read(String text, Problems problems) {
        if (text.length() > MAX_CHARACTERS) {
            stop(problems, Position.START, "the file has " + text.length() + " characters; suites are limited to "
                    + MAX_CHARACTERS + " (split it into several files)");
        }
        return new YamlTreeReader(problems).document(text);
    }

    private YamlNode document(String text) {
        this.text = text;
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                stop(problems, Position.START, "the file is empty; expected a mapping with at least 'cases'");
            }
            YamlNode root = value(first, "");
            JsonToken next = p.nextToken();
            if (next != null) {
                stop(problems, here(), "a second YAML document starts here ('---'); a suite file holds exactly one");
            }
            return root;
        } catch (JsonProcessingException e) {
            syntax(e);
            throw new AssertionError("unreachable");
        } catch (IOException e) {
            stop(problems, Position.START, "cannot be read: " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    private YamlNode value(JsonToken token, String path) throws IOException {
        if (token == null) stop(problems, here(), "the file ends in the middle of a value");
        Position at = here();
        if (parser.isCurrentAlias()) return alias(parser.getText(), at, path);
        String anchor = parser.getObjectId();
        if (anchor == null && token.isScalarValue()) anchor = scalarAnchor();
        YamlNode node = switch (token) {
            case START_OBJECT -> mapping(at, path);
            case START_ARRAY -> sequence(at, path);
            default -> new YamlNode.Scalar(token, parser.getText(), isNumber(token) ? number() : null, at);
        };
        count(1, at, null, path);
        if (anchor != null) anchors.put(anchor, node);
        return node;
    }

    private YamlNode alias(String name, Position at, String path) {
        if (++aliases > MAX_ALIASES) {
            stop(problems, at, path, "more than " + MAX_ALIASES + " aliases (here *" + name + "); suites allow at most "
                    + MAX_ALIASES + " — write the values out, or split the file");
        }
        YamlNode target = anchors.get(name);
        if (target == null) {
            // said once per name: a name used all over the file is one mistake, not thousands
            if (unresolved.add(name)) {
                problems.add(at, path, "alias *" + name + " refers to no anchor &" + name + " defined before it");
            }
            return new YamlNode.Scalar(JsonToken.VALUE_NULL, "", null, at);
        }
        if (!(target instanceof YamlNode.Scalar) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
            stop(problems, at, path, "more than " + MAX_COLLECTION_ALIASES + " aliases to lists or mappings (here *"
                    + name + "); suites allow at most " + MAX_COLLECTION_ALIASES + " — this looks like a YAML alias"
                    + " bomb ('billion laughs'), which would expand into an exponential number of values");
        }
        count(target.size(), at, name, path);
        return target;
    }

    private YamlNode.Mapping mapping(Position at, String path) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        List<YamlNode.Mapping> merged = new ArrayList<>();
        long size = 1;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            if (t == null) stop(problems, here(), "the file ends inside a mapping");
            String key = parser.currentName();
            Position keyAt = here();
            String field = path.isEmpty() ? key : path + "." + key;
            YamlNode value = value(parser.nextToken(), field);
            if ("<<".equals(key)) {
                collectMerge(value, keyAt, path, merged);
                continue;
            }
            YamlNode.Entry previous = entries.putIfAbsent(key, new YamlNode.Entry(keyAt, value));
            if (previous != null) {
                problems.add(keyAt, field, "key '" + key + "' appears twice in this mapping (first at "
                        + previous.keyPosition() + "); YAML keys must be unique");
            } else {
                size += value.size();
            }
        }
        for (YamlNode.Mapping m : merged) {
            for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
                if (entries.putIfAbsent(e.getKey(), e.getValue()) == null) size += e.getValue().value().size();
            }
        }
        return new YamlNode.Mapping(entries, at, size);
    }

    private void collectMerge(YamlNode value, Position keyAt, String path, List<YamlNode.Mapping> merged) {
        if (value instanceof YamlNode.Mapping m) {
            merged.add(m);
        } else if (value instanceof YamlNode.Sequence s
                && s.items().stream().allMatch(i -> i instanceof YamlNode.Mapping)) {
            s.items().forEach(i -> merged.add((YamlNode.Mapping) i));
        } else {
            problems.add(keyAt, path.isEmpty() ? "<<" : path + ".<<", "a merge key '<<' needs a mapping (e.g."
                    + " *defaults) or a list of mappings, got " + value.kind());
        }
    }

    private YamlNode.Sequence sequence(Position at, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        long size = 1;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            YamlNode item = value(t, path + "[" + items.size() + "]");
            items.add(item);
            size += item.size();
        }
        return new YamlNode.Sequence(items, at, size);
    }

    private void count(long added, Position at, String alias, String path) {
        nodes += added;
        if (nodes > MAX_NODES) {
            stop(problems, at, path, "the suite expands to more than " + MAX_NODES + " values"
                    + (alias == null ? "" : " through aliases (here *" + alias + ")")
                    + "; this looks like a YAML alias bomb ('billion laughs') — suites are limited to " + MAX_NODES);
        }
    }

    /**
     * Jackson reports the anchors of lists and mappings but drops those of scalars ({@code suite: &s qa}); the
     * scalar's location is where its properties start, so the anchor is read from the text there.
     */
    private String scalarAnchor() {
        long offset = parser.currentTokenLocation().getCharOffset();
        if (offset < 0 || offset >= text.length() || "&!".indexOf(text.charAt((int) offset)) < 0) return null;
        Matcher m = SCALAR_ANCHOR.matcher(text).region((int) offset, text.length());
        return m.lookingAt() ? m.group(1) : null;
    }

    /**
     * The parsed number. Jackson types YAML's {@code .nan} and {@code .inf} as floats but cannot parse them; they are
     * numbers YAML allows, so they become NaN and infinities here, for the field's check to reject by name.
     */
    private Number number() throws IOException {
        String t = parser.getText().toLowerCase(Locale.ROOT);
        if (t.equals(".nan")) return Double.NaN;
        if (t.equals(".inf") || t.equals("+.inf")) return Double.POSITIVE_INFINITY;
        if (t.equals("-.inf")) return Double.NEGATIVE_INFINITY;
        return parser.getNumberValue();
    }

    private Position here() {
        return position(parser.currentTokenLocation());
    }

    private static boolean isNumber(JsonToken token) {
        return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return Position.START;
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** Turns SnakeYAML's syntax error into a problem at the place it names, with a hint for the usual cause. */
    private void syntax(JsonProcessingException e) {
        MarkedYAMLException marked = null;
        for (Throwable t = e; t != null && marked == null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) marked = m;
        }
        String field = currentField();
        if (marked == null) {
            String first = String.valueOf(e.getOriginalMessage()).split("\n")[0];
            stop(problems, position(e.getLocation()), field, "invalid YAML: " + first);
        }
        Mark mark = marked.getProblemMark();
        Position at = mark == null ? position(e.getLocation()) : new Position(mark.getLine() + 1, mark.getColumn() + 1);
        String problem = marked.getProblem() == null ? "syntax error" : marked.getProblem();
        StringBuilder message = new StringBuilder("invalid YAML: ").append(problem);
        if (marked.getContext() != null && marked.getContextMark() != null) {
            Mark c = marked.getContextMark();
            message.append(" (").append(marked.getContext()).append(" that starts at line ").append(c.getLine() + 1)
                    .append(", column ").append(c.getColumn() + 1).append(")");
        }
        message.append(hint(problem));
        stop(problems, at, field, message.toString());
    }

    private static String hint(String problem) {
        String p = problem.toLowerCase(Locale.ROOT);
        if (p.contains("'\\t'") || p.contains("tab")) {
            return " — YAML does not allow tabs for indentation; indent with spaces";
        }
        if (p.contains("block") || p.contains("mapping values are not allowed")
                || p.contains("could not find expected ':'")) {
            return " — check the indentation: the keys of one mapping start in the same column, and a nested mapping"
                    + " or list is indented further than its key";
        }
        return "";
    }

    private static void stop(Problems problems, Position at, String message) {
        stop(problems, at, "", message);
    }

    private static void stop(Problems problems, Position at, String field, String message) {
        problems.add(at, field, message);
        problems.throwIfAny();
    }

    /** The field the parser was in, from its context: "/cases/0/question" becomes "cases[0].question". */
    private String currentField() {
        if (parser == null) return "";
        StringBuilder sb = new StringBuilder();
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) continue;
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.matches("\\d+")) sb.append('[').append(name).append(']');
            else sb.append(sb.length() == 0 ? "" : ".").append(name);
        }
        return sb.toString();
    }
}
