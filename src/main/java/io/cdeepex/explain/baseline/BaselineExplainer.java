package io.cdeepex.explain.baseline;

import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.StopReason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Answers contrastive questions with a baseline method (LIME, integrated gradients, PDA): the single-class maps of the
 * true and the probe class for every image in one batch, then {@link ContrastiveAdaptation}. The results are the same
 * {@link Explanation} records as CDeepEx's, so assertions, reports and suites treat all methods alike: there is no
 * reconstruction, latent distance or trace; {@code probeSide} is the input with the answer imposed, {@code after} its
 * probabilities, and {@code satisfied} means at least one contrastive map was kept.
 */
public final class BaselineExplainer {

    private BaselineExplainer() {}

    /** The relevance method behind a baseline {@link Method}. */
    public static RelevanceMethod relevanceMethod(Method method) {
        return switch (method) {
            case LIME -> new Lime();
            case IG -> new IntegratedGradients();
            case PDA -> new PredictionDifference();
            case CDEEPEX, XGEMS -> throw new IllegalArgumentException(method.id() + " is not a baseline method");
        };
    }

    /**
     * @param ids        image ids, for the results
     * @param images     C*H*W inputs at the classifier's size
     * @param before     their class probabilities
     * @param references n -> n generator samples at the classifier's size (for PDA)
     */
    public static List<Explanation> explain(ModelProbe model, SolverSettings settings, List<String> ids,
                                            float[][] images, int[] trueClass, int[] probeClass, float[][] before,
                                            IntFunction<float[][]> references) {
        long t0 = System.nanoTime();
        int n = images.length;
        float[][] both = new float[2 * n][];
        int[] classes = new int[2 * n];
        for (int i = 0; i < n; i++) {
            both[i] = images[i];
            classes[i] = trueClass[i];
            both[n + i] = images[i];
            classes[n + i] = probeClass[i];
        }
        BaselineContext context = new BaselineContext(model, settings, new Random(settings.seed()), references);
        RelevanceMaps maps = relevanceMethod(settings.method()).relevance(context, both, classes);

        ContrastiveAdaptation.Result[] adapted = new ContrastiveAdaptation.Result[n];
        float[][] imposed = new float[n][];
        for (int i = 0; i < n; i++) {
            adapted[i] = ContrastiveAdaptation.adapt(model, images[i], maps.maps()[i], maps.maps()[n + i],
                    trueClass[i], probeClass[i], before[i], settings);
            imposed[i] = adapted[i].imposed();
        }
        float[][] after = model.probabilities(imposed);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long passes = (model.forwards() + model.backwards()) / Math.max(1, n);

        List<Explanation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ContrastiveAdaptation.Result r = adapted[i];
            Map<String, Double> diagnostics = new HashMap<>();
            maps.diagnostics(i).forEach((k, v) -> diagnostics.put(k + ".true", v));
            maps.diagnostics(n + i).forEach((k, v) -> diagnostics.put(k + ".probe", v));
            diagnostics.put("contrast.weightsTried", (double) r.tried());
            out.add(Explanation.builder(ids.get(i), settings.method(), trueClass[i], probeClass[i])
                    .input(model.channels(), model.height(), model.width(), images[i])
                    .answer(r.imposed(), r.imposed(), r.difference())
                    .probabilities(before[i], after[i])
                    .satisfied(r.kept() > 0, r.kept() > 0 ? StopReason.MAPS_KEPT : StopReason.NO_MAP_KEPT)
                    .cost(millis / Math.max(1, n), passes)
                    .mapsKept(r.kept())
                    .diagnostics(diagnostics)
                    .build());
        }
        return List.copyOf(out);
    }
}
