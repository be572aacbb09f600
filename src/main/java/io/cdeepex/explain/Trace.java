package io.cdeepex.explain;

/**
 * Per-iteration probabilities of the true class, the probe class and the strongest other class
 * (the paper's Fig. 5b). Index k is outer-loop iteration {@code iterations[k]}.
 */
public record Trace(int[] iterations, float[] trueProbability, float[] probeProbability, float[] otherProbability) {
    public static Trace empty() {
        return new Trace(new int[0], new float[0], new float[0], new float[0]);
    }

    public int length() { return iterations.length; }
}
