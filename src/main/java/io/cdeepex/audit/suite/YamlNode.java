package io.cdeepex.audit.suite;

import com.fasterxml.jackson.core.JsonToken;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the position it was written at, so that every later check can name line and column.
 * Built by {@link YamlTreeReader}; aliases share the anchored node.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    Position position();

    /** Nodes in this subtree, aliases counted as often as they are used (bounds alias bombs). */
    long size();

    /** What kind of value this is, for "expected X, got Y" messages. */
    String kind();

    /** A mapping; keys keep their positions and the file's order. */
    record Mapping(Map<String, Entry> entries, Position position, long size) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() { return "a mapping"; }
    }

    /** One key of a mapping: where the key was written and its value. */
    record Entry(Position keyPosition, YamlNode value) {}

    record Sequence(List<YamlNode> items, Position position, long size) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() { return "a list"; }
    }

    /**
     * A scalar as the YAML parser typed it.
     *
     * @param token VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE or VALUE_NULL
     * @param text  the text as written (without quotes)
     * @param value the parsed number for numeric tokens, else null
     */
    record Scalar(JsonToken token, String text, Number value, Position position) implements YamlNode {
        @Override
        public long size() { return 1; }

        boolean isNull() { return token == JsonToken.VALUE_NULL; }

        boolean isNumber() { return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT; }

        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NULL -> "an empty value";
                case VALUE_NUMBER_INT -> "the integer " + text;
                case VALUE_NUMBER_FLOAT -> "the number " + text;
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
                default -> "the text '" + text + "'";
            };
        }
    }
}
