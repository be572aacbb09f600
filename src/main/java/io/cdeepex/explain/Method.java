package io.cdeepex.explain;

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
    public String id() { return EnumIds.id(this); }

    /** All ids, comma-separated, for messages. */
    public static String ids() { return EnumIds.ids(Method.class); }

    public static Method parse(String text) { return EnumIds.parse(Method.class, text, "method"); }
}
