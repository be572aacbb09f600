package io.cdeepex.explain;

/**
 * Which feasible answer of a question's search starts becomes its explanation ({@code answerSelection}).
 * Equation 2 of the paper defines the answer as the feasible point nearest z0 in latent space; with several starts
 * that is {@link #NEAREST}. {@link #SPARSEST} keeps instead the feasible answer whose image changes least (the
 * smallest sum of |G(z) - G(z0)| over pixels): of two answers that both make the probe class as likely as the true
 * one, the one that adds a small patch rather than redrawing the whole digit.
 */
public enum AnswerSelection {
    NEAREST, SPARSEST;

    /** The lower-case name used in YAML suites and JSON. */
    public String id() { return EnumIds.id(this); }

    /** All ids, comma-separated, for messages. */
    public static String ids() { return EnumIds.ids(AnswerSelection.class); }

    public static AnswerSelection parse(String text) {
        return EnumIds.parse(AnswerSelection.class, text, "answer selection");
    }
}
