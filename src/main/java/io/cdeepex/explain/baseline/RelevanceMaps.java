package io.cdeepex.explain.baseline;

import java.util.List;
import java.util.Map;

/**
 * One H*W relevance map per image, plus per-image diagnostics by name (e.g. integrated gradients' completeness
 * gap); {@code diagnostics} is empty or has one map per image.
 */
public record RelevanceMaps(float[][] maps, List<Map<String, Double>> diagnostics) {
    public RelevanceMaps(float[][] maps) {
        this(maps, List.of());
    }

    public Map<String, Double> diagnostics(int image) {
        return diagnostics.isEmpty() ? Map.of() : diagnostics.get(image);
    }
}
