package io.cdeepex.model;

/**
 * How far a native result is from the float64 reference: the largest absolute difference, and that over the
 * reference's largest magnitude (element-wise relative error means nothing where the reference is near zero).
 * A NaN or infinite result counts as an infinite error.
 */
record ConvolutionError(double abs, double rel) {
    static ConvolutionError of(float[] actual, double[] reference) {
        if (actual.length != reference.length) {
            throw new IllegalArgumentException(actual.length + " values against a reference of " + reference.length);
        }
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = Math.abs(actual[i] - reference[i]);
            worst = Double.isFinite(d) ? Math.max(worst, d) : Double.POSITIVE_INFINITY;
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return new ConvolutionError(worst, scale == 0 ? worst : worst / scale);
    }
}
