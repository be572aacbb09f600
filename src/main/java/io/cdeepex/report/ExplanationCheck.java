package io.cdeepex.report;

import io.cdeepex.explain.Explanation;

import java.util.Objects;

/**
 * Checks that an explanation's arrays agree with its declared shape before anything is drawn, so a
 * malformed record fails with a message naming the image and field instead of an index error deep in
 * a renderer.
 */
final class ExplanationCheck {
    private ExplanationCheck() {}

    static Explanation valid(Explanation e) {
        Objects.requireNonNull(e, "explanation");
        String who = "explanation '" + e.imageId() + "'";
        if (e.method() == null) throw new IllegalArgumentException(who + ": field 'method' is null");
        if (e.channels() <= 0 || e.height() <= 0 || e.width() <= 0) {
            throw new IllegalArgumentException(who + ": channels, height and width must be positive, got "
                    + e.channels() + "x" + e.height() + "x" + e.width());
        }
        int image = e.channels() * e.height() * e.width();
        length(who, "input", e.input(), image, "channels*height*width", true);
        length(who, "reconstruction", e.reconstruction(), image, "channels*height*width", false);
        length(who, "probeSide", e.probeSide(), image, "channels*height*width", false);
        length(who, "probeSideCorrected", e.probeSideCorrected(), image, "channels*height*width", false);
        length(who, "difference", e.difference(), e.height() * e.width(), "height*width", true);
        int classes = Math.max(e.trueClass(), e.probeClass()) + 1;
        if (e.trueClass() < 0 || e.probeClass() < 0) {
            throw new IllegalArgumentException(who + ": trueClass and probeClass must be >= 0, got "
                    + e.trueClass() + " and " + e.probeClass());
        }
        probabilities(who, "before", e.before(), classes);
        probabilities(who, "after", e.after(), classes);
        return e;
    }

    private static void length(
            String who, String field, float[] values, int expected, String formula, boolean required) {
        if (values == null) {
            if (required) throw new IllegalArgumentException(who + ": field '" + field + "' is null");
            return;
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(who + ": field '" + field + "' has " + values.length
                    + " values, expected " + formula + " = " + expected);
        }
    }

    private static void probabilities(String who, String field, float[] values, int atLeast) {
        if (values == null) throw new IllegalArgumentException(who + ": field '" + field + "' is null");
        if (values.length < atLeast) {
            throw new IllegalArgumentException(
                    who + ": field '" + field + "' has " + values.length + " class probabilities, expected at least "
                            + atLeast + " (true and probe class must be indices into it)");
        }
    }
}
