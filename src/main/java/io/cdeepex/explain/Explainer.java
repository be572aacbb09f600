package io.cdeepex.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Answers contrastive questions about one classifier with one generator (Procedure 1 of the paper):
 * invert each image into the generator's latent space, search the nearest latent point where true and probe
 * are equally likely and beat every other class, and report what changed. One call solves a whole batch of
 * questions on the classifier's device. Thread-safe: each call has its own native scope, and calls from several
 * threads (parallel tests) take turns for the solve itself, because DJL's PyTorch engine allows one open
 * {@code GradientCollector} per JVM; the listener runs outside that turn.
 */
public final class Explainer {
    private static final Logger LOG = LoggerFactory.getLogger(Explainer.class);
    /** PtGradientCollector is a JVM-wide singleton ("Only one can be collecting at a time"): one solve at a time. */
    static final Object SOLVE_LOCK = new Object();

    private final LatentPipeline pipeline;
    private final SolverSettings settings;
    private final Device device;
    private final Consumer<List<Explanation>> listener;
    private final Artefact artefact;

    public Explainer(Classifier classifier, Generator generator, SolverSettings settings, Device device) {
        this(new LatentPipeline(classifier, generator), settings, device, results -> { }, null);
    }

    private Explainer(LatentPipeline pipeline, SolverSettings settings, Device device,
                      Consumer<List<Explanation>> listener, Artefact artefact) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.device = device;
        this.listener = listener;
        this.artefact = artefact;
    }

    public Classifier classifier() { return pipeline.classifier(); }
    public Generator generator() { return pipeline.generator(); }
    public SolverSettings settings() { return settings; }
    public Device device() { return device; }
    LatentPipeline pipeline() { return pipeline; }

    /** The same models with other solver settings. */
    public Explainer with(SolverSettings other) {
        return new Explainer(pipeline, other, device, listener, artefact);
    }

    /**
     * The same explainer told which artefact was planted in the classifier's training data (the card's
     * {@code plant}; null = none), for the {@code artefactPathStarts} search start. The caller reads the card.
     */
    public Explainer withArtefact(PlantSpec plant) {
        return withArtefact(Artefact.planted(plant));
    }

    /**
     * The same explainer with an artefact for the {@code artefactPathStarts} search start, e.g. one a scan found
     * ({@code ScanResult.artefactOf(finding)}); null = none.
     */
    public Explainer withArtefact(Artefact found) {
        return new Explainer(pipeline, settings, device, listener, found);
    }

    /**
     * The same explainer that also hands every batch of results to the listener (called on the calling thread,
     * after the solve) — how the test layer attaches each explanation to the running test's report.
     */
    public Explainer onExplained(Consumer<List<Explanation>> next) {
        Consumer<List<Explanation>> previous = listener;
        return new Explainer(pipeline, settings, device, results -> {
            previous.accept(results);
            next.accept(results);
        }, artefact);
    }

    /** G(z0) for each image (at the classifier's input size) and its per-pixel squared error against the image. */
    public record Reconstructions(float[][] images, double[] meanSquaredError) {}

    /**
     * Procedure 2 alone: inverts every image of the set into the generator's latent space with this explainer's
     * inversion settings, {@code batch} images at a time (progress is logged per batch). How users check that a
     * generator is good enough to explain with (the model-zoo bar: the classifier still recognises G(z0)).
     */
    public Reconstructions reconstruct(ImageSet set, int batch) {
        Shape in = pipeline.classifier().inputShape();
        int c = (int) in.get(0);
        int h = (int) in.get(1);
        int w = (int) in.get(2);
        float[][] out = new float[set.size()][];
        double[] mse = new double[set.size()];
        Random random = new Random(settings.seed());
        for (int from = 0; from < set.size(); from += batch) {
            int to = Math.min(set.size(), from + batch);
            float[][] images = new float[to - from][];
            for (int i = from; i < to; i++) {
                images[i - from] = QuestionResolver.toClassifierInput(Question.of(set, i), c, h, w);
            }
            synchronized (SOLVE_LOCK) {
                try (NDManager base = NDManager.newBaseManager(device)) {
                    Inversion.Result r = Inversion.run(pipeline, base, images, in, settings.inversion(), random);
                    float[][] g = pipeline.generate(base, r.z0());
                    for (int i = from; i < to; i++) {
                        out[i] = g[i - from];
                        mse[i] = r.meanSquaredError()[i - from];
                    }
                }
            }
            LOG.info("inverted {}/{} images of {}", to, set.size(), set.name());
        }
        return new Reconstructions(out, mse);
    }

    public Explanation explain(Question question) {
        return explain(List.of(question)).get(0);
    }

    /** Every image of the set, probe = the given class (or {@link Question#SECOND}), true = predicted. */
    public List<Explanation> explain(ImageSet images, int probeClass) {
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) qs.add(Question.of(images, i, Question.PREDICTED, probeClass));
        return explain(qs);
    }

    /**
     * Solves all questions as one batch. A question whose search fails (infeasible, diverged) comes back as an
     * unsatisfied explanation with its numbers; it never costs the others their answers.
     */
    public List<Explanation> explain(List<Question> questions) {
        if (questions.isEmpty()) return List.of();
        List<Explanation> results;
        synchronized (SOLVE_LOCK) {
            results = solve(questions);
        }
        listener.accept(results);
        return results;
    }

    private List<Explanation> solve(List<Question> questions) {
        long t0 = System.nanoTime();
        try (NDManager base = NDManager.newBaseManager(device)) {
            QuestionResolver.Resolved resolved = QuestionResolver.resolve(pipeline, base, questions);
            return settings.method().generative()
                    ? GenerativeSolver.solve(pipeline, base, resolved, settings, artefact, t0)
                    : baselines(base, resolved);
        }
    }

    /** LIME, integrated gradients or PDA, made contrastive; the generator only supplies PDA's reference images. */
    private List<Explanation> baselines(NDManager base, QuestionResolver.Resolved q) {
        long t0 = System.nanoTime();
        Random sampling = new Random(settings.seed() + 1);
        IntFunction<float[][]> references = count -> {
            float[][] z = new float[count][pipeline.latentSize()];
            for (float[] row : z) for (int j = 0; j < row.length; j++) row[j] = (float) sampling.nextGaussian();
            return pipeline.generate(base, z);
        };
        BaselineMethods.Questions questions = new BaselineMethods.Questions(q.ids(), q.images(), q.trueClass(),
                q.probeClass(), q.before());
        List<Explanation> out = Baselines.METHODS.explain(new BaselineMethods.Request(pipeline.classifier(), base,
                settings, questions, references));
        LOG.info("{} explained {} question(s) in {} ms: {} with a kept contrastive map", settings.method().id(),
                out.size(), (System.nanoTime() - t0) / 1_000_000, out.stream().filter(Explanation::satisfied).count());
        return out;
    }

    /** Loaded on first use, so that generative solves never depend on the baselines being on the class path. */
    private static final class Baselines {
        static final BaselineMethods METHODS = BaselineMethods.load();
    }
}
