package io.cdeepex.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the known name nearest to a misspelt one (Levenshtein distance, case-insensitive). */
public final class DidYouMean {
    private DidYouMean() {}

    /** The closest candidate within a distance that a typo explains (at most 2, or a third of the name), if any. */
    public static Optional<String> suggest(String typo, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(typo.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(2, typo.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /**
     * The message for a reference to a name the suite does not define: "no region named 'cornr'; did you mean
     * 'corner'? expected one of: corner, middle, or an inline mapping {...}".
     *
     * @param what        what the name should name ("region", "sample set")
     * @param section     the suite key that defines such names ("regions")
     * @param alternative what may be written instead of a name
     */
    public static String unknownName(String what, String name, Collection<String> known, String section,
                                     String alternative) {
        return "no " + what + " named '" + name + "'; "
                + suggest(name, known).map(s -> "did you mean '" + s + "'? ").orElse("")
                + (known.isEmpty()
                        ? "the suite defines none under '" + section + "'"
                        : "expected one of: " + String.join(", ", known))
                + ", or " + alternative;
    }

    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
