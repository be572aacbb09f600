package io.cdeepex.explain.baseline;

/** Placeholder until the method lands (being written on its own branch). */
public final class Lime implements RelevanceMethod {
    @Override
    public RelevanceMaps relevance(BaselineContext context, float[][] images, int[] classes) {
        throw new UnsupportedOperationException("Lime is not implemented yet");
    }
}
