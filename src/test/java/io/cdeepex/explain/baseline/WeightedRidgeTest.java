package io.cdeepex.explain.baseline;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WeightedRidgeTest {

    @Test
    void recoversTheCoefficientsAndInterceptOfALinearProblem() {
        double[] truth = {1.5, -0.7, 0.0, 3.0, 0.2};
        Random random = new Random(3);
        int n = 400;
        double[][] x = new double[n][truth.length];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 2.0 + 0.01 * random.nextGaussian();
            for (int j = 0; j < truth.length; j++) {
                x[i][j] = random.nextBoolean() ? 1 : 0;
                y[i] += truth[j] * x[i][j];
            }
            w[i] = 0.2 + random.nextDouble();
        }
        WeightedRidge.Fit fit = WeightedRidge.fit(x, y, w, 1e-6);
        assertThat(fit.coefficients()).containsExactly(truth, within(0.01));
        assertThat(fit.intercept()).isCloseTo(2.0, within(0.01));
        assertThat(fit.score()).isGreaterThan(0.999);
    }

    @Test
    void theWeightsDecideWhichSamplesTheFitFollows() {
        // half the samples say y = x, the other half y = -x
        int n = 200;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (i / 2) % 2;
            y[i] = i < n / 2 ? x[i][0] : -x[i][0];
        }
        double[] first = new double[n];
        double[] second = new double[n];
        double[] even = new double[n];
        Arrays.fill(even, 1);
        for (int i = 0; i < n; i++) (i < n / 2 ? first : second)[i] = 1;
        assertThat(WeightedRidge.fit(x, y, first, 1e-6).coefficients()[0]).isCloseTo(1, within(1e-4));
        assertThat(WeightedRidge.fit(x, y, second, 1e-6).coefficients()[0]).isCloseTo(-1, within(1e-4));
        WeightedRidge.Fit both = WeightedRidge.fit(x, y, even, 1e-6);
        assertThat(both.coefficients()[0]).isCloseTo(0, within(1e-4));
        assertThat(both.score()).as("no line explains both halves").isLessThan(0.1);
    }

    @Test
    void thePenaltyShrinksTheSlopeButNotTheIntercept() {
        // one feature: the ridge slope is Sxy / (Sxx + alpha) on weighted-centred data
        double[][] x = {{0}, {1}, {2}, {3}, {4}};
        double[] y = {1, 3, 2, 6, 7};
        double[] w = {1, 2, 1, 0.5, 1};
        double total = 0, mx = 0, my = 0;
        for (int i = 0; i < 5; i++) {
            total += w[i];
            mx += w[i] * x[i][0];
            my += w[i] * y[i];
        }
        mx /= total;
        my /= total;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < 5; i++) {
            sxx += w[i] * (x[i][0] - mx) * (x[i][0] - mx);
            sxy += w[i] * (x[i][0] - mx) * (y[i] - my);
        }
        WeightedRidge.Fit fit = WeightedRidge.fit(x, y, w, 1.0);
        assertThat(fit.coefficients()[0]).isCloseTo(sxy / (sxx + 1.0), within(1e-12));
        assertThat(fit.intercept()).isCloseTo(my - mx * sxy / (sxx + 1.0), within(1e-12));
        WeightedRidge.Fit flat = WeightedRidge.fit(x, y, w, 1e9);
        assertThat(flat.coefficients()[0]).isCloseTo(0, within(1e-6));
        assertThat(flat.intercept()).as("the intercept is the weighted mean").isCloseTo(my, within(1e-6));
    }

    @Test
    void badInputsAreClearErrors() {
        double[][] x = {{1}, {0}};
        assertThatThrownBy(() -> WeightedRidge.fit(x, new double[] {1, 0}, new double[] {0, 0}, 1))
                .hasMessageContaining("all zero");
        assertThatThrownBy(() -> WeightedRidge.fit(x, new double[] {1}, new double[] {1, 1}, 1))
                .hasMessageContaining("expected 2 targets");
        assertThatThrownBy(() -> WeightedRidge.fit(x, new double[] {1, 0}, new double[] {1, 1}, 0))
                .hasMessageContaining("alpha");
    }
}
