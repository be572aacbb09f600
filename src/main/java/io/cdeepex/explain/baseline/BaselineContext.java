package io.cdeepex.explain.baseline;

import io.cdeepex.explain.SolverSettings;

import java.util.Random;
import java.util.function.IntFunction;

/**
 * What a relevance method may use: the classifier (through the counting probe), the settings, one seeded random
 * source (so the same seed gives the same map) and reference images drawn from the generator that models the
 * classifier's training data (PDA estimates its conditional distributions from them; C*H*W at the classifier's
 * input size, 0..1).
 */
public record BaselineContext(ModelProbe model, SolverSettings settings, Random random,
                              IntFunction<float[][]> referenceImages) {}
