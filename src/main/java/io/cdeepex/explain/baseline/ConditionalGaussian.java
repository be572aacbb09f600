package io.cdeepex.explain.baseline;

import java.util.Random;

/**
 * A multivariate Gaussian fitted to observations, conditioned on some of its dimensions ("given") to sample the
 * others ("sampled"): {@code mu_s + S_sg S_gg^-1 (x_g - mu_g)} with covariance {@code S_ss - S_sg S_gg^-1 S_gs}.
 * Everything that does not depend on the conditioning values — the regression matrix {@code S_sg S_gg^-1} and the
 * Cholesky factor of the conditional covariance — is computed once at fitting, so sampling for many images costs only
 * two matrix-vector products. A ridge {@code r * I} on the fitted covariance keeps both factorisations positive
 * definite when the observations are fewer than the dimensions or some dimension never varies (the conditional
 * covariance is then at least {@code r * I}).
 */
public final class ConditionalGaussian {
    private final int[] sampled;
    private final int[] given;
    private final double[] meanSampled;
    private final double[] meanGiven;
    /** S_sg S_gg^-1, row-major |sampled| x |given|. */
    private final double[] regression;
    /** Lower Cholesky factor of the conditional covariance, row-major |sampled| x |sampled|. */
    private final double[] factor;

    private ConditionalGaussian(int[] sampled, int[] given, double[] meanSampled, double[] meanGiven,
                                double[] regression, double[] factor) {
        this.sampled = sampled;
        this.given = given;
        this.meanSampled = meanSampled;
        this.meanGiven = meanGiven;
        this.regression = regression;
        this.factor = factor;
    }

    /**
     * @param observations rows of at least {@code max(sampled, given) + 1} values (e.g. images, C*H*W)
     * @param sampled      the dimensions to sample (e.g. a window's pixels)
     * @param given        the dimensions conditioned on (e.g. the frame around it); may be empty
     * @param ridge        added to the fitted covariance's diagonal, >= 0
     */
    public static ConditionalGaussian fit(float[][] observations, int[] sampled, int[] given, double ridge) {
        if (observations.length < 2) {
            throw new IllegalArgumentException("a Gaussian needs at least 2 observations, got " + observations.length);
        }
        if (sampled.length == 0) throw new IllegalArgumentException("no dimensions to sample");
        if (ridge < 0) throw new IllegalArgumentException("ridge must be >= 0, got " + ridge);
        int s = sampled.length, g = given.length, d = s + g;
        int[] dims = new int[d];
        System.arraycopy(sampled, 0, dims, 0, s);
        System.arraycopy(given, 0, dims, s, g);

        int n = observations.length;
        double[] mean = new double[d];
        for (float[] row : observations) for (int j = 0; j < d; j++) mean[j] += row[dims[j]];
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[] cov = new double[d * d];
        double[] centred = new double[d];
        for (float[] row : observations) {
            for (int j = 0; j < d; j++) centred[j] = row[dims[j]] - mean[j];
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) continue;
                int base = a * d;
                for (int b = a; b < d; b++) cov[base + b] += ca * centred[b];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = cov[a * d + b] / (n - 1) + (a == b ? ridge : 0);
                cov[a * d + b] = v;
                cov[b * d + a] = v;
            }
        }

        // blocks: ss = [0, s) x [0, s), gg = [s, d) x [s, d), sg = [0, s) x [s, d)
        double[] gg = new double[g * g];
        for (int a = 0; a < g; a++) System.arraycopy(cov, (s + a) * d + s, gg, a * g, g);
        double[] regression = new double[s * g];
        if (g > 0) {
            double[] ggFactor = cholesky(gg, g, "given block");
            // regression row i solves S_gg a = S_gs(:, i), i.e. a = S_gg^-1 (row i of S_sg)
            double[] rhs = new double[g];
            for (int i = 0; i < s; i++) {
                System.arraycopy(cov, i * d + s, rhs, 0, g);
                System.arraycopy(solve(ggFactor, g, rhs), 0, regression, i * g, g);
            }
        }
        double[] conditional = new double[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j <= i; j++) {
                double v = cov[i * d + j];
                for (int a = 0; a < g; a++) v -= regression[i * g + a] * cov[(s + a) * d + j];
                conditional[i * s + j] = v;
                conditional[j * s + i] = v;
            }
        }
        double[] meanSampled = new double[s];
        double[] meanGiven = new double[g];
        System.arraycopy(mean, 0, meanSampled, 0, s);
        System.arraycopy(mean, s, meanGiven, 0, g);
        return new ConditionalGaussian(sampled.clone(), given.clone(), meanSampled, meanGiven, regression,
                cholesky(conditional, s, "conditional covariance"));
    }

    /** The conditional mean of the sampled dimensions, given {@code x}'s values at the given dimensions. */
    public double[] conditionalMean(float[] x) {
        int s = sampled.length, g = given.length;
        double[] offset = new double[g];
        for (int a = 0; a < g; a++) offset[a] = x[given[a]] - meanGiven[a];
        double[] out = meanSampled.clone();
        for (int i = 0; i < s; i++) {
            double v = 0;
            int base = i * g;
            for (int a = 0; a < g; a++) v += regression[base + a] * offset[a];
            out[i] += v;
        }
        return out;
    }

    /** The conditional covariance (the same for every conditioning value), |sampled| x |sampled|. */
    public double[][] conditionalCovariance() {
        int s = sampled.length;
        double[][] out = new double[s][s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                double v = 0;
                for (int a = 0; a <= Math.min(i, j); a++) v += factor[i * s + a] * factor[j * s + a];
                out[i][j] = v;
            }
        }
        return out;
    }

    /** One draw of the sampled dimensions (in the order given at fitting), conditioned on {@code x}. */
    public double[] sample(float[] x, Random random) {
        int s = sampled.length;
        double[] out = conditionalMean(x);
        double[] z = new double[s];
        for (int i = 0; i < s; i++) z[i] = random.nextGaussian();
        for (int i = 0; i < s; i++) {
            double v = 0;
            int base = i * s;
            for (int a = 0; a <= i; a++) v += factor[base + a] * z[a];
            out[i] += v;
        }
        return out;
    }

    /** The sampled dimensions, in the order {@link #sample} returns them. */
    public int[] sampledDimensions() {
        return sampled.clone();
    }

    /** Lower Cholesky factor L (L L^T = m) of a symmetric positive definite row-major n x n matrix. */
    static double[] cholesky(double[] m, int n, String what) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = m[i * n + j];
                for (int k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
                if (i == j) {
                    if (!(v > 0)) {
                        throw new IllegalArgumentException("the " + what + " (" + n + "x" + n + ") is not positive"
                                + " definite (pivot " + i + " = " + v + "); fit with a ridge > 0");
                    }
                    l[i * n + i] = Math.sqrt(v);
                } else {
                    l[i * n + j] = v / l[j * n + j];
                }
            }
        }
        return l;
    }

    /** x with L L^T x = b, for the lower factor L. */
    static double[] solve(double[] l, int n, double[] b) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) v -= l[i * n + k] * y[k];
            y[i] = v / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double v = y[i];
            for (int k = i + 1; k < n; k++) v -= l[k * n + i] * x[k];
            x[i] = v / l[i * n + i];
        }
        return x;
    }
}
