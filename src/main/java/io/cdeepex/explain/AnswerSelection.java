package io.cdeepex.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which feasible answer of a question's search starts becomes its explanation ({@code answerSelection}).
 * Equation 2 of the paper defines the answer as the feasible point nearest z0 in latent space; with several starts
 * that is {@link #NEAREST}. {@link #SPARSEST} keeps instead the feasible answer whose image changes least (the
 * smallest sum of |G(z) - G(z0)| over pixels): of two answers that both make the probe class as likely as the true
 * one, the one that adds a small patch rather than redrawing the whole digit.
 */
public enum AnswerSelection {
    NEAREST, SPARSEST;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static String ids() {
        return Arrays.stream(values()).map(AnswerSelection::id).collect(Collectors.joining(", "));
    }

    public static AnswerSelection parse(String text) {
        for (AnswerSelection s : values()) {
            if (s.id().equalsIgnoreCase(text.trim())) return s;
        }
        throw new IllegalArgumentException("unknown answer selection '" + text + "', expected one of " + ids());
    }
}
