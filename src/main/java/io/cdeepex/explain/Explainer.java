package io.cdeepex.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.ImageTransforms;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.baseline.BaselineExplainer;
import io.cdeepex.explain.baseline.ModelProbe;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    public Explainer(Classifier classifier, Generator generator, SolverSettings settings, Device device) {
        this(new LatentPipeline(classifier, generator), settings, device, results -> { });
    }

    private Explainer(LatentPipeline pipeline, SolverSettings settings, Device device,
                      Consumer<List<Explanation>> listener) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.device = device;
        this.listener = listener;
    }

    public Classifier classifier() { return pipeline.classifier(); }
    public Generator generator() { return pipeline.generator(); }
    public SolverSettings settings() { return settings; }
    public Device device() { return device; }
    LatentPipeline pipeline() { return pipeline; }

    /** The same models with other solver settings. */
    public Explainer with(SolverSettings other) {
        return new Explainer(pipeline, other, device, listener);
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
        });
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
            for (int i = from; i < to; i++) images[i - from] = toClassifierInput(Question.of(set, i), c, h, w);
            synchronized (SOLVE_LOCK) {
                try (NDManager base = NDManager.newBaseManager(device)) {
                    Inversion.Result r = Inversion.run(pipeline, base, images, in, settings, random);
                    float[][] g = generate(base, r.z0(), in);
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
        Shape in = pipeline.classifier().inputShape();
        int c = (int) in.get(0);
        int h = (int) in.get(1);
        int w = (int) in.get(2);
        int n = questions.size();
        int classes = pipeline.classifier().numClasses();
        float[][] images = new float[n][];
        for (int i = 0; i < n; i++) images[i] = toClassifierInput(questions.get(i), c, h, w);

        try (NDManager base = NDManager.newBaseManager(device)) {
            float[][] llhBefore = logLikelihoods(base, images, in);
            float[][] before = exp(llhBefore);
            int[] trueClass = new int[n];
            int[] probeClass = new int[n];
            for (int i = 0; i < n; i++) {
                Question q = questions.get(i);
                int[] order = ranking(before[i]);
                trueClass[i] = q.trueClass() == Question.PREDICTED ? order[0] : checkClass(q.trueClass(), classes, q, "true");
                probeClass[i] = q.probeClass() == Question.SECOND
                        ? (order[0] == trueClass[i] ? order[1] : order[0])
                        : checkClass(q.probeClass(), classes, q, "probe");
                if (probeClass[i] == trueClass[i]) {
                    throw new IllegalArgumentException(q.imageId() + ": probe class " + probeClass[i]
                            + " equals the true class; ask about another class");
                }
            }

            if (!settings.method().generative()) return baselines(base, questions, images, trueClass, probeClass, before, in);

            Random random = new Random(settings.seed());
            Inversion.Result inversion = Inversion.run(pipeline, base, images, in, settings, random);
            float[][] start0 = generate(base, inversion.z0(), in);
            float[][] residual = new float[n][];
            for (int i = 0; i < n; i++) residual[i] = subtract(start0[i], images[i]);

            int starts = settings.searchStarts();
            int rows = n * starts;
            float[][] start = new float[rows][];
            float[][] z0 = new float[rows][];
            float[][] dz0 = new float[rows][];
            int[] t = new int[rows];
            int[] p = new int[rows];
            List<List<float[]>> walked = new ArrayList<>();
            long[] passes = new long[n];
            for (int i = 0; i < n; i++) {
                if (settings.lineSearchDirections() > 0 && starts > 1) {
                    LineSearchStarts.Result found = LineSearchStarts.nearest(pipeline, base, inversion.z0()[i],
                            residual[i], in, trueClass[i], probeClass[i], settings.lineSearchDirections(),
                            settings.lineSearchReach(), starts - 1, random);
                    walked.add(found.starts());
                    passes[i] += found.forwardPasses();
                } else {
                    walked.add(List.of());
                }
            }
            float[][] onArtefactPath = artefactPathStarts(base, images, inversion.z0(), residual, trueClass, probeClass,
                    in, random, passes);
            for (int r = 0; r < rows; r++) {
                int i = r / starts;
                z0[r] = inversion.z0()[i];
                dz0[r] = residual[i];
                t[r] = trueClass[i];
                p[r] = probeClass[i];
                int extra = r % starts;
                if (extra == starts - 1 && onArtefactPath[i] != null) {
                    start[r] = onArtefactPath[i].clone();
                } else if (extra > 0 && extra <= walked.get(i).size()) {
                    start[r] = walked.get(i).get(extra - 1).clone();
                } else {
                    start[r] = z0[r].clone();
                    if (extra > 0) {
                        for (int j = 0; j < start[r].length; j++) {
                            start[r][j] += (float) (settings.searchNoise() * random.nextGaussian());
                        }
                    }
                }
            }
            ContrastiveSearch.Outcome[] outcomes = ContrastiveSearch.run(pipeline, base, start, z0, dz0, in, t, p, settings);

            ContrastiveSearch.Outcome[] best = new ContrastiveSearch.Outcome[n];
            int totalIterations = 0;
            for (int r = 0; r < rows; r++) {
                totalIterations += outcomes[r].iterations();
                int i = r / starts;
                passes[i] += 2L * outcomes[r].iterations(); // each inner step: one forward, one backward
                if (best[i] == null || better(outcomes[r], best[i], z0[r])) best[i] = outcomes[r];
            }
            float[][] ze = new float[n][];
            for (int i = 0; i < n; i++) ze[i] = best[i].z();
            float[][] end = generate(base, ze, in);
            float[][] corrected = new float[n][];
            for (int i = 0; i < n; i++) corrected[i] = subtract(end[i], residual[i]);
            float[][] llhAfter = logLikelihoods(base, corrected, in);
            float[][] after = exp(llhAfter);

            long millis = (System.nanoTime() - t0) / 1_000_000;
            List<Explanation> out = new ArrayList<>(n);
            int satisfied = 0;
            for (int i = 0; i < n; i++) {
                ConstraintState cs = new ConstraintState(trueClass[i], probeClass[i], classes, settings);
                float[] llh = llhAfter[i];
                boolean ok = best[i].stop() != StopReason.DIVERGED && Inversion.finite(llh) && cs.holds(llh);
                if (ok) satisfied++;
                out.add(new Explanation(questions.get(i).imageId(), settings.method(), trueClass[i], probeClass[i],
                        c, h, w, images[i], start0[i], end[i], corrected[i], differenceMap(start0[i], end[i], c, h, w),
                        before[i], after[i], cs.evaluate(llh), ok, best[i].stop(),
                        ContrastiveSearch.distance(ze[i], inversion.z0()[i]), inversion.meanSquaredError()[i],
                        best[i].iterations(), millis / n, best[i].trace(), passes[i] + 2, -1, Map.of()));
            }
            LOG.info("{} explained {} question(s) ({} search rows, {} iterations) in {} ms: {} satisfied",
                    settings.method().id(), n, rows, totalIterations, millis, satisfied);
            return List.copyOf(out);
        }
    }

    /** LIME, integrated gradients or PDA, made contrastive; the generator only supplies PDA's reference images. */
    private List<Explanation> baselines(NDManager base, List<Question> questions, float[][] images, int[] trueClass,
                                        int[] probeClass, float[][] before, Shape in) {
        long t0 = System.nanoTime();
        List<String> ids = questions.stream().map(Question::imageId).toList();
        Random sampling = new Random(settings.seed() + 1);
        IntFunction<float[][]> references = count -> {
            float[][] z = new float[count][pipeline.latentSize()];
            for (float[] row : z) for (int j = 0; j < row.length; j++) row[j] = (float) sampling.nextGaussian();
            return generate(base, z, in);
        };
        List<Explanation> out = BaselineExplainer.explain(new ModelProbe(pipeline.classifier(), base), settings, ids,
                images, trueClass, probeClass, before, references);
        LOG.info("{} explained {} question(s) in {} ms: {} with a kept contrastive map", settings.method().id(),
                out.size(), (System.nanoTime() - t0) / 1_000_000, out.stream().filter(Explanation::satisfied).count());
        return out;
    }

    /** Prefers a satisfied outcome nearest z0; among unsatisfied ones, the smallest violation. */
    private static boolean better(ContrastiveSearch.Outcome candidate, ContrastiveSearch.Outcome current, float[] z0) {
        if (candidate.satisfied() != current.satisfied()) return candidate.satisfied();
        if (candidate.satisfied()) {
            return ContrastiveSearch.distance(candidate.z(), z0) < ContrastiveSearch.distance(current.z(), z0);
        }
        return candidate.violation() < current.violation();
    }

    /**
     * With {@code artefactPathStarts}: for each question whose probe is the class the classifier card's artefact was
     * planted on, the first tie on the segment from z0 to the inversion of the image with the artefact; null elsewhere
     * and where the segment has no tie. Its forward and backward passes are counted in {@code passes}.
     */
    private float[][] artefactPathStarts(NDManager base, float[][] images, float[][] z0, float[][] residual,
                                         int[] trueClass, int[] probeClass, Shape in, Random random, long[] passes) {
        int n = images.length;
        float[][] out = new float[n][];
        if (settings.artefactPathStarts() == 0) return out;
        PlantSpec plant = cardArtefact();
        int artefactClass = plant.targetClass().getAsInt();
        int[] asked = java.util.stream.IntStream.range(0, n).filter(i -> probeClass[i] == artefactClass).toArray();
        if (asked.length == 0) return out;
        float[][] planted = new float[asked.length][];
        for (int j = 0; j < asked.length; j++) {
            planted[j] = plant.plant(images[asked[j]], (int) in.get(0), (int) in.get(1), (int) in.get(2));
        }
        float[][] z1 = Inversion.run(pipeline, base, planted, in, settings, random).z0();
        int inversionRows = settings.inversionStarts() + (pipeline.generator().encoder().isPresent() ? 1 : 0);
        for (int j = 0; j < asked.length; j++) {
            int i = asked[j];
            ArtefactPath.Point tie = ArtefactPath.firstTie(pipeline, base, z0[i], z1[j], residual[i], in, trueClass[i],
                    probeClass[i]);
            out[i] = tie == null ? null : tie.z();
            passes[i] += ArtefactPath.STEPS + 2L * settings.inversionSteps() * inversionRows;
        }
        return out;
    }

    /** The artefact the classifier's card says was planted in its training data, with the class it was planted on. */
    private PlantSpec cardArtefact() {
        Classifier classifier = pipeline.classifier();
        String spec = classifier.card() == null ? null : classifier.card().plant;
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("solver setting 'artefactPathStarts' is on, but the card of classifier "
                    + classifier.name() + " names no planted artefact (plant: square:class=N,...)");
        }
        PlantSpec plant = PlantSpec.parse(spec);
        if (plant.targetClass().isEmpty()) {
            throw new IllegalArgumentException("solver setting 'artefactPathStarts' is on, but the plant '" + spec
                    + "' on the card of classifier " + classifier.name() + " names no class (class=N)");
        }
        return plant;
    }

    float[][] logLikelihoods(NDManager base, float[][] images, Shape in) {
        try (NDManager it = base.newSubManager()) {
            NDArray x = it.create(Inversion.flatten(images), new Shape(images.length).addAll(in));
            float[] flat = pipeline.classifier().logits(x).logSoftmax(1).toFloatArray();
            int k = pipeline.classifier().numClasses();
            float[][] out = new float[images.length][k];
            for (int i = 0; i < images.length; i++) System.arraycopy(flat, i * k, out[i], 0, k);
            return out;
        }
    }

    float[][] generate(NDManager base, float[][] z, Shape in) {
        try (NDManager it = base.newSubManager()) {
            int k = pipeline.latentSize();
            float[] flat = pipeline.images(it.create(Inversion.flatten(z), new Shape(z.length, k))).toFloatArray();
            int size = (int) in.size();
            float[][] out = new float[z.length][size];
            for (int i = 0; i < z.length; i++) System.arraycopy(flat, i * size, out[i], 0, size);
            return out;
        }
    }

    static float[] toClassifierInput(Question q, int c, int h, int w) {
        if (q.channels() != c) {
            throw new IllegalArgumentException(q.imageId() + ": image has " + q.channels()
                    + " channel(s) but the classifier expects " + c);
        }
        if (q.image().length != q.channels() * q.height() * q.width()) {
            throw new IllegalArgumentException(q.imageId() + ": " + q.image().length + " pixel values for a "
                    + q.channels() + "x" + q.height() + "x" + q.width() + " image");
        }
        return q.height() == h && q.width() == w ? q.image()
                : ImageTransforms.resize(q.image(), c, q.height(), q.width(), h, w);
    }

    private static int checkClass(int cls, int classes, Question q, String role) {
        if (cls < 0 || cls >= classes) {
            throw new IllegalArgumentException(q.imageId() + ": " + role + " class " + cls + " is outside the classifier's "
                    + classes + " classes (0.." + (classes - 1) + ")");
        }
        return cls;
    }

    /** Class indices by decreasing probability. */
    static int[] ranking(float[] p) {
        return java.util.stream.IntStream.range(0, p.length).boxed()
                .sorted((a, b) -> Float.compare(p[b], p[a])).mapToInt(Integer::intValue).toArray();
    }

    /** G(ze) - G(z0) summed over channels: positive = must be added (red), negative = must be removed (blue). */
    static float[] differenceMap(float[] start, float[] end, int c, int h, int w) {
        float[] d = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h * w; i++) d[i] += end[ch * h * w + i] - start[ch * h * w + i];
        }
        return d;
    }

    private static float[] subtract(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    private static float[][] exp(float[][] llh) {
        float[][] out = new float[llh.length][];
        for (int i = 0; i < llh.length; i++) {
            out[i] = new float[llh[i].length];
            for (int j = 0; j < llh[i].length; j++) out[i][j] = (float) Math.exp(llh[i][j]);
        }
        return out;
    }
}
