package io.cdeepex.explain.baseline;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The conditional Gaussian against the analytic formulas on synthetic correlated data with a known covariance. */
class ConditionalGaussianTest {
    static final double[] MEAN = {0.5, -1.0, 2.0};
    static final double[][] COV = {{1.0, 0.6, 0.3}, {0.6, 2.0, 0.5}, {0.3, 0.5, 1.5}};

    /** n draws of N(MEAN, COV) through the Cholesky factor of COV. */
    static float[][] draws(int n, long seed) {
        double[] flat = new double[9];
        for (int i = 0; i < 3; i++) System.arraycopy(COV[i], 0, flat, 3 * i, 3);
        double[] l = ConditionalGaussian.cholesky(flat, 3, "test covariance");
        Random random = new Random(seed);
        float[][] out = new float[n][3];
        for (float[] row : out) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            for (int i = 0; i < 3; i++) {
                double v = MEAN[i];
                for (int a = 0; a <= i; a++) v += l[3 * i + a] * z[a];
                row[i] = (float) v;
            }
        }
        return out;
    }

    @Test
    void oneDimensionGivenTwoMatchesTheAnalyticConditional() {
        ConditionalGaussian g = ConditionalGaussian.fit(draws(40_000, 1), new int[]{0}, new int[]{1, 2}, 0);
        float[] x = {0f, 0.2f, 1.0f};
        // analytic: S_0g S_gg^-1 with S_gg = [[2, .5], [.5, 1.5]]
        double det = 2.0 * 1.5 - 0.5 * 0.5;
        double[][] inv = {{1.5 / det, -0.5 / det}, {-0.5 / det, 2.0 / det}};
        double b1 = 0.6 * inv[0][0] + 0.3 * inv[1][0];
        double b2 = 0.6 * inv[0][1] + 0.3 * inv[1][1];
        double mean = MEAN[0] + b1 * (x[1] - MEAN[1]) + b2 * (x[2] - MEAN[2]);
        double variance = COV[0][0] - (b1 * 0.6 + b2 * 0.3);

        assertThat(g.conditionalMean(x)[0]).as("conditional mean (analytic %.4f)", mean).isCloseTo(mean, within(0.03));
        assertThat(g.conditionalCovariance()[0][0]).as("conditional variance (analytic %.4f)", variance)
                .isCloseTo(variance, within(0.03));

        Random random = new Random(2);
        int n = 40_000;
        double sum = 0, sumSq = 0;
        for (int k = 0; k < n; k++) {
            double v = g.sample(x, random)[0];
            sum += v;
            sumSq += v * v;
        }
        double empiricalMean = sum / n;
        assertThat(empiricalMean).as("samples' mean").isCloseTo(mean, within(0.04));
        assertThat(sumSq / n - empiricalMean * empiricalMean).as("samples' variance").isCloseTo(variance, within(0.04));
    }

    @Test
    void twoDimensionsGivenOneMatchTheAnalyticMeanAndCovariance() {
        ConditionalGaussian g = ConditionalGaussian.fit(draws(40_000, 3), new int[]{2, 0}, new int[]{1}, 0);
        float[] x = {9f, -2.5f, 9f}; // only dimension 1 is read
        double shift = x[1] - MEAN[1];
        double[] mean = {MEAN[2] + COV[2][1] / COV[1][1] * shift, MEAN[0] + COV[0][1] / COV[1][1] * shift};
        double[][] cov = {
                {COV[2][2] - COV[2][1] * COV[1][2] / COV[1][1], COV[2][0] - COV[2][1] * COV[1][0] / COV[1][1]},
                {COV[0][2] - COV[0][1] * COV[1][2] / COV[1][1], COV[0][0] - COV[0][1] * COV[1][0] / COV[1][1]}};
        assertThat(g.sampledDimensions()).containsExactly(2, 0);
        assertThat(g.conditionalMean(x)).containsExactly(mean, within(0.04));
        double[][] fitted = g.conditionalCovariance();
        for (int i = 0; i < 2; i++) assertThat(fitted[i]).containsExactly(cov[i], within(0.04));

        Random random = new Random(4);
        int n = 40_000;
        double[] sum = new double[2];
        double cross = 0;
        for (int k = 0; k < n; k++) {
            double[] v = g.sample(x, random);
            sum[0] += v[0];
            sum[1] += v[1];
            cross += v[0] * v[1];
        }
        assertThat(new double[]{sum[0] / n, sum[1] / n}).as("samples' mean").containsExactly(mean, within(0.05));
        assertThat(cross / n - sum[0] / n * sum[1] / n).as("samples' covariance").isCloseTo(cov[0][1], within(0.05));
    }

    @Test
    void theRidgeKeepsAConstantDimensionProperAndWithoutItTheErrorSaysSo() {
        float[][] constant = draws(50, 5);
        for (float[] row : constant) row[1] = 0.25f;
        ConditionalGaussian g = ConditionalGaussian.fit(constant, new int[]{1}, new int[]{0, 2}, 1e-2);
        assertThat(g.conditionalMean(new float[]{3f, 0f, -3f})[0]).as("a constant never moves with its frame")
                .isCloseTo(0.25, within(1e-9));
        assertThat(g.conditionalCovariance()[0][0]).as("the ridge is the only variance left")
                .isCloseTo(1e-2, within(1e-9));
        assertThatThrownBy(() -> ConditionalGaussian.fit(constant, new int[]{0, 1}, new int[]{2}, 0))
                .hasMessageContaining("not positive definite").hasMessageContaining("ridge");
    }
}
