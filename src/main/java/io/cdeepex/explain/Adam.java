package io.cdeepex.explain;

/**
 * Adam on rows of latent codes, held in Java arrays: the latent codes are tiny (k floats per question), so
 * updating them here costs less than a dozen native tensor ops per step and keeps each row's state
 * independent (questions can leave the batch at any time).
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final float[][] m;
    private final float[][] v;
    private final int[] t;

    Adam(int rows, int size, double learningRate) {
        this.learningRate = learningRate;
        this.m = new float[rows][size];
        this.v = new float[rows][size];
        this.t = new int[rows];
    }

    /** One step on row {@code r}: {@code z -= lr * mhat / (sqrt(vhat) + eps)}. */
    void step(int r, float[] z, float[] grad) {
        t[r]++;
        double c1 = 1 - Math.pow(BETA1, t[r]);
        double c2 = 1 - Math.pow(BETA2, t[r]);
        float[] mr = m[r];
        float[] vr = v[r];
        for (int i = 0; i < z.length; i++) {
            mr[i] = (float) (BETA1 * mr[i] + (1 - BETA1) * grad[i]);
            vr[i] = (float) (BETA2 * vr[i] + (1 - BETA2) * grad[i] * grad[i]);
            z[i] -= (float) (learningRate * (mr[i] / c1) / (Math.sqrt(vr[i] / c2) + EPS));
        }
    }
}
