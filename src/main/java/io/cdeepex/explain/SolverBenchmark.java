package io.cdeepex.explain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cdeepex.data.ImageSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Speed and memory of the solver, measured in one run so the numbers can be compared as ratios:
 * ms per solver iteration against the floor (one bare forward + backward of D(G(z)) on the same batch),
 * explanations per second, and resident memory across many explanations.
 */
public final class SolverBenchmark {
    private final Explainer explainer;
    private final LatentPipeline pipeline;

    public SolverBenchmark(Explainer explainer) {
        this.explainer = explainer;
        this.pipeline = new LatentPipeline(explainer.classifier(), explainer.generator());
    }

    /** Milliseconds of one forward + backward of D(G(z)) for a batch, latent gradient copied to the host. */
    public double floorMillis(int batch, int repetitions) {
        int k = pipeline.latentSize();
        Random random = new Random(1);
        try (NDManager base = NDManager.newBaseManager(explainer.device())) {
            long start = 0;
            for (int i = 0; i < repetitions + 3; i++) {
                if (i == 3) start = System.nanoTime();
                try (NDManager it = base.newSubManager()) {
                    NDArray z = it.create(gaussian(random, batch * k), new Shape(batch, k));
                    z.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(pipeline.classifier().logits(pipeline.images(z)).logSoftmax(1).sum());
                        z.getGradient().toFloatArray();
                    }
                }
            }
            return (System.nanoTime() - start) / 1e6 / repetitions;
        }
    }

    /** Milliseconds per inner iteration of the augmented-Lagrangian search at a fixed count (no early stop). */
    public double solverIterationMillis(ImageSet images, int batch, int iterations) {
        int k = pipeline.latentSize();
        Shape in = pipeline.classifier().inputShape();
        int size = (int) in.size();
        Random random = new Random(2);
        float[][] z0 = new float[batch][];
        float[][] residual = new float[batch][];
        int[] t = new int[batch];
        int[] p = new int[batch];
        for (int r = 0; r < batch; r++) {
            z0[r] = gaussian(random, k);
            residual[r] = new float[size];
            t[r] = images.label(r % images.size());
            p[r] = (t[r] + 1) % pipeline.classifier().numClasses();
        }
        int inner = Math.min(iterations, 10);
        // an unreachable tolerance keeps every question running for exactly `iterations` steps
        SolverSettings s = explainer.settings().withIterations(Math.max(1, iterations / inner), inner)
                .withTolerances(1e-12, explainer.settings().search().inequalityTolerance());
        try (NDManager base = NDManager.newBaseManager(explainer.device())) {
            ContrastiveSearch.run(pipeline, base, z0, z0, residual, in, t, p, s.withIterations(1, 3)); // warm-up
            long start = System.nanoTime();
            ContrastiveSearch.Outcome[] out = ContrastiveSearch.run(pipeline, base, z0, z0, residual, in, t, p, s);
            int steps = out[0].iterations();
            return (System.nanoTime() - start) / 1e6 / Math.max(1, steps);
        }
    }

    /** Wall milliseconds of each full explanation of the first {@code count} images asked one at a time. */
    public double[] singleExplanationMillis(ImageSet images, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            explainer.explain(Question.of(images, i % images.size()));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    /** Full explanations per second when {@code batch} questions are solved together. */
    public double explanationsPerSecond(ImageSet images, int batch) {
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < batch; i++) qs.add(Question.of(images, i % images.size()));
        long start = System.nanoTime();
        explainer.explain(qs);
        return batch / ((System.nanoTime() - start) / 1e9);
    }

    /** Resident set size of this process in MiB (Linux), or NaN where /proc is not available. */
    public static double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static float[] gaussian(Random random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) random.nextGaussian();
        return out;
    }
}
