package io.cdeepex.report;

import io.cdeepex.explain.Explanation;

import java.util.List;
import java.util.Locale;

/** The texts that name and summarise an explanation in pictures and attachment names. */
final class Captions {
    private Captions() {}

    /** "{imageId} [{method}] {true}->{probe}": identifies one explanation. */
    static String name(Explanation e, ClassLabels labels) {
        return e.imageId() + " [" + e.method().id() + "] " + labels.label(e.trueClass()) + "->"
                + labels.label(e.probeClass());
    }

    /** Three lines: the question, the probabilities before -> after, and how the solve ended. */
    static List<String> lines(Explanation e, ClassLabels labels) {
        String question = e.imageId() + " [" + e.method().id() + "]  why " + labels.label(e.trueClass())
                + " and not " + labels.label(e.probeClass()) + "?";
        String probabilities = String.format(Locale.ROOT, "p(true) %s -> %s   p(probe) %s -> %s   other %s",
                p(e.before()[e.trueClass()]), p(e.after()[e.trueClass()]),
                p(e.before()[e.probeClass()]), p(e.after()[e.probeClass()]), p(e.strongestOtherAfter()));
        String outcome = e.method().generative()
                ? String.format(Locale.ROOT, "%s, %s, %d iterations, |ze-z0| %s",
                        e.satisfied() ? "satisfied" : "NOT satisfied", e.stop(), e.iterations(), p(e.latentDistance()))
                : String.format(Locale.ROOT, "%s: %d of %s contrastive weights kept, %d model passes",
                        e.satisfied() ? "answered" : "NO answer", e.mapsKept(),
                        count(e.diagnostics().get("contrast.weightsTried")), e.modelEvaluations());
        return List.of(question, probabilities, outcome);
    }

    /** Short cell text for method grids: "p(true)/p(probe) after, sat|unsat". */
    static String cell(Explanation e) {
        return p(e.after()[e.trueClass()]) + " / " + p(e.after()[e.probeClass()]) + (e.satisfied() ? " sat" : " unsat");
    }

    private static String count(Double v) {
        return v == null ? "?" : String.valueOf(Math.round(v));
    }

    static String p(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }
}
