package io.cdeepex.audit.suite;

import io.cdeepex.explain.SolverSettings;

/**
 * What one side of a case runs: a classifier (and the generator that explains it), the solver settings and the
 * sample images. A plain case has one; a regression gate has a baseline and a candidate.
 *
 * @param role       null for a plain case, else "baseline" or "candidate"
 * @param generator  null when the case measures only classifier metrics
 */
public record RunConfig(String role, ModelRef classifier, ModelRef generator, SolverSettings settings,
                        SampleSet samples) {
    /** "mnist-biased8 + mnist-vae-biased8 (cdeepex) on digits". */
    public String describe() {
        return classifier.name()
                + (generator == null ? "" : " + " + generator.name() + " (" + settings.method().id() + ")")
                + " on " + samples.name();
    }
}
