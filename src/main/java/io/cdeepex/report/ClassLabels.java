package io.cdeepex.report;

import java.util.List;
import java.util.Objects;

/**
 * How reports name classes: the model card's class names when known, else the class index.
 *
 * @param names class names indexed by class (may be empty)
 */
public record ClassLabels(List<String> names) {
    public ClassLabels {
        names = List.copyOf(Objects.requireNonNull(names, "names"));
    }

    /** Labels that are the class indices themselves ("0", "1", ...). */
    public static ClassLabels indices() {
        return new ClassLabels(List.of());
    }

    public static ClassLabels of(List<String> names) {
        return names == null ? indices() : new ClassLabels(names);
    }

    /** The name of class {@code c}, or its index when no name is known. */
    public String label(int c) {
        return c >= 0 && c < names.size() ? names.get(c) : String.valueOf(c);
    }
}
