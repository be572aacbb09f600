package io.cdeepex.explain.baseline;

import io.cdeepex.explain.SolverSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sundararajan et al.'s integrated gradients of p(class): {@code (x - b) * mean_k grad p(b + (k - 1/2)/m (x - b))}
 * for k = 1..m (midpoint Riemann sum, m = {@code igSteps}), from the constant baseline image b = {@code igBaseline},
 * summed over channels to an H*W map. Completeness — the attributions sum to p(x) - p(b) — is reported per image as
 * diagnostics {@code ig.attributionSum}, {@code ig.outputDifference} and {@code ig.completenessGap} (their absolute
 * difference), so a user can see when the path needs more steps.
 */
public final class IntegratedGradients implements RelevanceMethod {

    @Override
    public RelevanceMaps relevance(BaselineContext context, float[][] images, int[] classes) {
        SolverSettings s = context.settings();
        ModelProbe model = context.model();
        int steps = s.baselines().igSteps();
        float base = (float) s.baselines().igBaseline();
        int n = images.length;
        int size = images.length == 0 ? 0 : images[0].length;
        int hw = model.height() * model.width();

        // every path point of every image in one list, so the probe batches them
        float[][] points = new float[n * steps][];
        int[] pointClasses = new int[n * steps];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < steps; k++) {
                float alpha = (k + 0.5f) / steps;
                float[] x = new float[size];
                for (int j = 0; j < size; j++) x[j] = base + alpha * (images[i][j] - base);
                points[i * steps + k] = x;
                pointClasses[i * steps + k] = classes[i];
            }
        }
        float[][] grads = model.probabilityGradients(points, pointClasses);

        float[][] ends = new float[2 * n][];
        for (int i = 0; i < n; i++) {
            ends[2 * i] = images[i];
            float[] b = new float[size];
            java.util.Arrays.fill(b, base);
            ends[2 * i + 1] = b;
        }
        float[][] p = model.probabilities(ends);

        float[][] maps = new float[n][hw];
        List<Map<String, Double>> diagnostics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < size; j++) {
                double mean = 0;
                for (int k = 0; k < steps; k++) mean += grads[i * steps + k][j];
                double a = (images[i][j] - base) * mean / steps;
                maps[i][j % hw] += (float) a;
                total += a;
            }
            double difference = p[2 * i][classes[i]] - p[2 * i + 1][classes[i]];
            diagnostics.add(Map.of("ig.attributionSum", total, "ig.outputDifference", difference,
                    "ig.completenessGap", Math.abs(total - difference)));
        }
        return new RelevanceMaps(maps, diagnostics);
    }
}
