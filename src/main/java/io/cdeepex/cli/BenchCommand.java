package io.cdeepex.cli;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverBenchmark;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.model.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cdeepex bench}: solver speed against its floor, throughput by batch size, and memory drift. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Prints ms per solver iteration vs the bare forward+backward of D(G(z)) (the floor), explanations per"
                    + " second at batch 1 and 32, the median single-explanation time, and resident memory before and"
                    + " after many explanations. Compare numbers as ratios within one run.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--classifier", defaultValue = "mnist-classifier", paramLabel = "DIR|NAME")
    String classifier;

    @Option(
            names = "--generator",
            paramLabel = "DIR|NAME",
            description = "Default: the one the classifier's card names")
    String generator;

    @Option(names = "--dataset", defaultValue = "mnist-samples")
    String dataset;

    @Option(
            names = "--iterations",
            defaultValue = "100",
            description = "Fixed solver iterations for the per-iteration timing")
    int iterations;

    @Option(names = "--singles", defaultValue = "5",
            description = "Single explanations timed for the median; 0 skips")
    int singles;

    @Option(names = "--memory-explanations", defaultValue = "1000",
            description = "Explanations (batches of 32, short solves) between the two RSS readings; 0 skips")
    int memoryExplanations;

    @Option(
            names = "--compare",
            defaultValue = "4",
            description =
                    "Questions answered by every method (cdeepex, xgems, lime, ig, pda) for the cost comparison; 0"
                            + " skips")
    int compare;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        OptionChecks.atLeast("--iterations", iterations, 1);
        OptionChecks.atLeast("--singles", singles, 0);
        OptionChecks.atLeast("--memory-explanations", memoryExplanations, 0);
        OptionChecks.atLeast("--compare", compare, 0);
        Device dev = device.resolve();
        ModelRepository repo = ModelRepository.fromSystem();
        Path classifierDir = repo.resolve(classifier);
        ImageSet images = Datasets.load(dataset);
        try (Classifier c = ModelLoader.loadClassifier(classifierDir, dev);
             Generator g = ModelLoader.loadGenerator(
                     GeneratorChoice.directory(repo, generator, classifierDir, c.card()), dev)) {
            Explainer explainer = new Explainer(c, g, SolverSettings.defaults(), dev);
            SolverBenchmark bench = new SolverBenchmark(explainer);
            System.out.printf("bench: %s + %s on %s, device %s, %d threads%n", c.name(), g.name(), dataset, dev,
                    Runtime.getRuntime().availableProcessors());
            double[] perSecond = new double[2];
            int[] batches = {1, 32};
            for (int b = 0; b < batches.length; b++) {
                int batch = batches[b];
                double floor = bench.floorMillis(batch, 50);
                double iteration = bench.solverIterationMillis(images, batch, iterations);
                perSecond[b] = bench.explanationsPerSecond(images, batch);
                System.out.printf("batch %2d: solver %.2f ms/iteration, floor D(G(z)) fwd+bwd %.2f ms, ratio %.3f, "
                        + "%.3f explanations/s%n", batch, iteration, floor, iteration / floor, perSecond[b]);
            }
            System.out.printf("throughput batch 32 / batch 1: %.2fx%n", perSecond[1] / perSecond[0]);
            if (singles > 0) {
                double[] single = bench.singleExplanationMillis(images, singles);
                System.out.printf("single explanation: median %.0f ms over %d%n", SolverBenchmark.median(single),
                        singles);
            }
            if (compare > 0) compareMethods(explainer, images);
            if (memoryExplanations > 0) {
                Explainer shortSolve = explainer.with(
                        SolverSettings.defaults().withIterations(2, 5).withInversion(20, 1));
                double before = SolverBenchmark.residentMiB();
                int done = 0;
                while (done < memoryExplanations) {
                    int n = Math.min(32, memoryExplanations - done);
                    List<Question> qs = new ArrayList<>();
                    for (int i = 0; i < n; i++) qs.add(Question.of(images, (done + i) % images.size()));
                    shortSolve.explain(qs);
                    done += n;
                    if (done % 320 == 0 || done == memoryExplanations) {
                        System.out.printf("  %d explanations, RSS %.0f MiB%n", done, SolverBenchmark.residentMiB());
                    }
                }
                double after = SolverBenchmark.residentMiB();
                System.out.printf(
                        "RSS before %.0f MiB, after %d explanations %.0f MiB, drift %+.0f MiB (%.2fx)%n",
                        before, memoryExplanations, after, after - before, after / before);
            }
        }
        return 0;
    }

    /**
     * The paper's cost claim: every method answers the same questions (true = predicted, probe = runner-up), one
     * batch each; wall time and classifier passes (forward and backward, per image) per explanation, with ratios to
     * CDeepEx's.
     */
    private void compareMethods(Explainer explainer, ImageSet images) {
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < Math.min(compare, images.size()); i++) qs.add(Question.of(images, i));
        System.out.printf("cost per explanation, %d questions, one batch per method (ratios to cdeepex):%n", qs.size());
        double baseMillis = Double.NaN;
        double basePasses = Double.NaN;
        for (Method m : Method.values()) {
            Explainer e = explainer.with(explainer.settings().withMethod(m));
            long t0 = System.nanoTime();
            List<Explanation> out = e.explain(qs);
            double millis = (System.nanoTime() - t0) / 1e6 / qs.size();
            double passes = out.stream().mapToLong(Explanation::modelEvaluations).average().orElse(Double.NaN);
            if (m == Method.CDEEPEX) {
                baseMillis = millis;
                basePasses = passes;
            }
            System.out.printf("  %-8s %9.0f ms (%.2fx)  %9.0f classifier passes (%.2fx)  answered %d/%d%n", m.id(),
                    millis, millis / baseMillis, passes, passes / basePasses,
                    out.stream().filter(Explanation::satisfied).count(), out.size());
        }
    }
}
