package io.cdeepex.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an explanation is computed. */
public enum Method {
    /** The paper's method: equality plus both inequality families (Equation 2). */
    CDEEPEX,
    /** Joshi et al.'s xGEMs: the same search with the equality constraint only (the paper's ablation). */
    XGEMS;

    /** The lower-case name used in YAML suites, the CLI and JSON. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Method parse(String text) {
        for (Method m : values()) {
            if (m.id().equalsIgnoreCase(text.trim())) return m;
        }
        throw new IllegalArgumentException("unknown method '" + text + "', expected one of "
                + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", ")));
    }
}
