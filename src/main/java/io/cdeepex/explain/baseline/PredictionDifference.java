package io.cdeepex.explain.baseline;

/** Placeholder until the method lands (being written on its own branch). */
public final class PredictionDifference implements RelevanceMethod {
    @Override
    public RelevanceMaps relevance(BaselineContext context, float[][] images, int[] classes) {
        throw new UnsupportedOperationException("PredictionDifference is not implemented yet");
    }
}
