package io.cdeepex.model;

import java.util.Random;

/** One model convolution at one batch size, with seeded N(0,1) input, weights and output gradient. */
record ConvCase(ConvShape shape, int batch) {
    /** The input x, weights w and the gradient g of the loss with respect to the output (sum(conv(x, w) * g)). */
    record Inputs(double[] x, double[] w, double[] g) {}

    Inputs inputs() {
        Random random = new Random(31L * shape.hashCode() + batch);
        int out = shape.outSize();
        double[] x = gaussian(random, batch * shape.inChannels() * shape.size() * shape.size());
        double[] w = gaussian(random, shape.filters() * shape.inChannels() * shape.kernel() * shape.kernel());
        double[] g = gaussian(random, batch * shape.filters() * out * out);
        return new Inputs(x, w, g);
    }

    String describe() {
        return shape.where() + " " + shape.describe() + " N=" + batch;
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }
}
