package io.cdeepex.model;

import java.util.Map;

/**
 * The width multiplier of a scalable architecture ({@code vgg16}, {@code resnet101}): every layer's channel count
 * {@code c} becomes {@code max(1, round(c * width))}. Read from the card's {@code architectureOptions.width}
 * (default 1.0, the published widths); a narrower network trains in reach of a CPU.
 */
record WidthMultiplier(double value) {
    static final String OPTION = "width";
    static final WidthMultiplier FULL = new WidthMultiplier(1.0);

    WidthMultiplier {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("architectureOptions.width must be a positive number, got " + value);
        }
    }

    static WidthMultiplier of(ModelCard card) {
        Map<String, Object> options = card.architectureOptions;
        Object width = options == null ? null : options.get(OPTION);
        if (width == null) return FULL;
        if (width instanceof Number n) return new WidthMultiplier(n.doubleValue());
        throw new IllegalArgumentException("architectureOptions.width must be a positive number, got '" + width + "'");
    }

    /** The channel count of a layer that has {@code base} channels at width 1. */
    int channels(int base) {
        return (int) Math.max(1, Math.round(base * value));
    }
}
