package io.cdeepex.explain.baseline;

/**
 * Ridge regression with sample weights and an unpenalised intercept, as LIME fits it (scikit-learn's
 * {@code Ridge(alpha=1, fit_intercept=True).fit(X, y, sample_weight=w)}): centre X and y on their weighted means,
 * solve {@code (Xc' W Xc + alpha I) beta = Xc' W yc} by Cholesky (positive definite for alpha > 0), then
 * {@code intercept = mean(y) - mean(X) . beta}. The score is the weighted R^2 of the fit, LIME's {@code score}.
 */
public final class WeightedRidge {

    /**
     * @param coefficients one per feature
     * @param intercept    the fitted constant
     * @param score        weighted R^2 on the training samples: 1 for a perfect fit, 0 for no better than the
     *                     weighted mean (1 when y is constant and fitted exactly, 0 when constant and not)
     */
    public record Fit(double[] coefficients, double intercept, double score) {
        public double predict(double[] x) {
            double y = intercept;
            for (int j = 0; j < coefficients.length; j++) y += coefficients[j] * x[j];
            return y;
        }
    }

    private WeightedRidge() {}

    /**
     * @param x       samples x features
     * @param y       one target per sample
     * @param weights one non-negative weight per sample, not all zero
     * @param alpha   ridge penalty on the coefficients (> 0)
     */
    public static Fit fit(double[][] x, double[] y, double[] weights, double alpha) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("ridge regression needs at least one sample");
        if (y.length != n || weights.length != n) {
            throw new IllegalArgumentException("ridge regression expected " + n + " targets and weights, got "
                    + y.length + " and " + weights.length);
        }
        if (!(alpha > 0)) throw new IllegalArgumentException("ridge penalty alpha must be > 0, got " + alpha);
        int k = x[0].length;
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0)) throw new IllegalArgumentException("sample weights must be >= 0, got " + w);
            total += w;
        }
        if (total == 0) throw new IllegalArgumentException("sample weights are all zero");

        double[] meanX = new double[k];
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            if (x[i].length != k) {
                throw new IllegalArgumentException("sample " + i + " has " + x[i].length + " features, expected " + k);
            }
            for (int j = 0; j < k; j++) meanX[j] += weights[i] * x[i][j];
            meanY += weights[i] * y[i];
        }
        for (int j = 0; j < k; j++) meanX[j] /= total;
        meanY /= total;

        double[][] a = new double[k][k];
        double[] b = new double[k];
        double[] centred = new double[k];
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (w == 0) continue;
            for (int j = 0; j < k; j++) centred[j] = x[i][j] - meanX[j];
            double yc = y[i] - meanY;
            for (int j = 0; j < k; j++) {
                double wj = w * centred[j];
                b[j] += wj * yc;
                for (int l = 0; l <= j; l++) a[j][l] += wj * centred[l];
            }
        }
        for (int j = 0; j < k; j++) a[j][j] += alpha;
        double[] beta = solveCholesky(a, b);

        double intercept = meanY;
        for (int j = 0; j < k; j++) intercept -= meanX[j] * beta[j];
        Fit unscored = new Fit(beta, intercept, Double.NaN);
        double residual = 0;
        double spread = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - unscored.predict(x[i]);
            residual += weights[i] * e * e;
            spread += weights[i] * (y[i] - meanY) * (y[i] - meanY);
        }
        double score = spread > 0 ? 1 - residual / spread : (residual == 0 ? 1 : 0);
        return new Fit(beta, intercept, score);
    }

    /** Solves A x = b for symmetric positive definite A given by its lower triangle (overwritten). */
    private static double[] solveCholesky(double[][] a, double[] b) {
        int k = b.length;
        for (int j = 0; j < k; j++) {
            double d = a[j][j];
            for (int l = 0; l < j; l++) d -= a[j][l] * a[j][l];
            if (!(d > 0)) throw new IllegalStateException("ridge system is not positive definite (pivot " + d + ")");
            a[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < k; i++) {
                double s = a[i][j];
                for (int l = 0; l < j; l++) s -= a[i][l] * a[j][l];
                a[i][j] = s / a[j][j];
            }
        }
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int l = 0; l < i; l++) s -= a[i][l] * z[l];
            z[i] = s / a[i][i];
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = z[i];
            for (int l = i + 1; l < k; l++) s -= a[l][i] * x[l];
            x[i] = s / a[i][i];
        }
        return x;
    }
}
