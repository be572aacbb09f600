package io.cdeepex.explain;

/** Why the solver stopped for one question. */
public enum StopReason {
    /** Every constraint holds within tolerance and the latent distance stopped improving. */
    CONVERGED,
    /** The iteration cap was reached first; see {@code satisfied} for whether the constraints hold. */
    ITERATION_CAP,
    /** The objective became NaN or infinite; the last finite iterate is reported. */
    DIVERGED,
    /** A baseline method: at least one contrastive map lowered p(true) and raised p(probe); their mean answers. */
    MAPS_KEPT,
    /** A baseline method: no contrastive weight gave a map that lowered p(true) and raised p(probe): no answer. */
    NO_MAP_KEPT
}
