package io.cdeepex.explain;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * What a start strategy may use: the models, the resolved questions, their inversions z0 with the residuals
 * dz0 = G(z0) - I, the settings, the artefact the caller named (or null), the solve's one random source (strategies
 * draw from it in a fixed order, so the same seed gives the same starts) and the per-question count of model passes,
 * to which each strategy adds what it spent.
 */
record StartContext(LatentPipeline pipeline, NDManager base, QuestionResolver.Resolved questions, float[][] z0,
                    float[][] residual, SolverSettings settings, Artefact artefact, Random random, long[] passes) {
    Shape imageShape() { return pipeline.classifier().inputShape(); }
}
