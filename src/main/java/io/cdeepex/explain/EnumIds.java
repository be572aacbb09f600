package io.cdeepex.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as users write them in YAML suites, the CLI and JSON: the constant's name in lower case. */
final class EnumIds {
    private EnumIds() {}

    static String id(Enum<?> constant) { return constant.name().toLowerCase(Locale.ROOT); }

    /** All ids of the type, comma-separated, for messages. */
    static String ids(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumIds::id).collect(Collectors.joining(", "));
    }

    /**
     * The constant whose id is the text (any case, surrounding blanks ignored).
     *
     * @param what what the type is called in the message, e.g. "method"
     */
    static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (id(e).equalsIgnoreCase(text.trim())) return e;
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "', expected one of " + ids(type));
    }
}
