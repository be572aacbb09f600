package io.cdeepex.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an explanation is computed. */
public enum Method {
    /** The paper's method: equality plus both inequality families (Equation 2). */
    CDEEPEX(true),
    /** Joshi et al.'s xGEMs: the same search with the equality constraint only (the paper's ablation). */
    XGEMS(true),
    /** Ribeiro et al.'s LIME (superpixels, perturbation samples, weighted ridge), made contrastive (paper §4.1). */
    LIME(false),
    /** Sundararajan et al.'s integrated gradients (the paper's "GradCam" column), made contrastive. */
    IG(false),
    /** Zintgraf et al.'s prediction difference analysis (conditional sampling), made contrastive. */
    PDA(false);

    private final boolean generative;

    Method(boolean generative) { this.generative = generative; }

    /** Whether the method searches the generator's latent space (CDeepEx, xGEMs) rather than mapping pixels. */
    public boolean generative() { return generative; }

    /** The lower-case name used in YAML suites, the CLI and JSON. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** All ids, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "));
    }

    public static Method parse(String text) {
        for (Method m : values()) {
            if (m.id().equalsIgnoreCase(text.trim())) return m;
        }
        throw new IllegalArgumentException("unknown method '" + text + "', expected one of " + ids());
    }
}
