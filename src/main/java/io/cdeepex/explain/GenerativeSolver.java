package io.cdeepex.explain;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * CDeepEx and xGEMs (Procedure 1 of the paper) for a batch of resolved questions: invert each image (z0), plan the
 * search starts, search every start at once, keep per question the feasible answer nearest z0 or, with
 * {@code answerSelection: sparsest}, the one whose image changes least (else the least violation), and assemble
 * the explanations with their cost.
 */
final class GenerativeSolver {
    private static final Logger LOG = LoggerFactory.getLogger(GenerativeSolver.class);
    /** The classifier on the input (the "before" probabilities) and at the answer: one forward pass each. */
    static final int CLASSIFICATION_PASSES = 2;
    /** Each inner step of the search: one forward and one backward pass. */
    private static final int PASSES_PER_STEP = 2;

    private GenerativeSolver() {}

    /**
     * @param artefact the artefact for {@code artefactPathStarts} (a card's plant or a scan's finding), or null
     * @param t0       when the solve began (System.nanoTime), for the amortised wall time
     */
    static List<Explanation> solve(LatentPipeline pipeline, NDManager base, QuestionResolver.Resolved q,
                                   SolverSettings settings, Artefact artefact, long t0) {
        Shape in = pipeline.classifier().inputShape();
        int n = q.size();
        Random random = new Random(settings.seed());
        Inversion.Result inversion = Inversion.run(pipeline, base, q.images(), in, settings.inversion(), random);
        float[][] start0 = pipeline.generate(base, inversion.z0());
        float[][] residual = new float[n][];
        for (int i = 0; i < n; i++) residual[i] = subtract(start0[i], q.images()[i]);

        long[] passes = new long[n];
        float[][] start = StartPlanner.plan(new StartContext(pipeline, base, q, inversion.z0(), residual, settings,
                artefact, random, passes));
        int starts = settings.starts().count();
        int[] question = new int[n * starts];
        for (int r = 0; r < question.length; r++) question[r] = r / starts;
        Selection selection = new Selection(n, settings.starts().selection());
        selection.add(pipeline, base, search(pipeline, base, q, start, question, inversion.z0(), residual, settings),
                question, inversion.z0(), start0, passes, false);
        int[] unsatisfied = selection.unsatisfied();
        if (settings.starts().retryStarts() > 0 && unsatisfied.length > 0) {
            SearchRetry.Rows again = SearchRetry.plan(pipeline, base, q, unsatisfied, inversion.z0(), residual,
                    settings, passes);
            selection.add(pipeline, base, search(pipeline, base, q, again.start(), again.question(),
                    inversion.z0(), residual, SearchRetry.settings(settings)), again.question(), inversion.z0(),
                    start0, passes, true);
            LOG.info("searched {} unsatisfied question(s) again from {} start(s): {} now satisfied",
                    unsatisfied.length, again.size(), unsatisfied.length - selection.unsatisfied().length);
        }
        ContrastiveSearch.Outcome[] best = selection.best;
        int rows = selection.rows;
        int totalIterations = selection.iterations;
        float[][] ze = new float[n][];
        for (int i = 0; i < n; i++) ze[i] = best[i].z();
        float[][] end = pipeline.generate(base, ze);
        float[][] corrected = new float[n][];
        for (int i = 0; i < n; i++) corrected[i] = subtract(end[i], residual[i]);
        float[][] llhAfter = pipeline.logLikelihoods(base, corrected);
        float[][] after = QuestionResolver.exp(llhAfter);

        long millis = (System.nanoTime() - t0) / 1_000_000;
        int c = (int) in.get(0);
        int h = (int) in.get(1);
        int w = (int) in.get(2);
        int classes = pipeline.classifier().numClasses();
        List<Explanation> out = new ArrayList<>(n);
        int satisfied = 0;
        for (int i = 0; i < n; i++) {
            ConstraintState cs = new ConstraintState(q.trueClass()[i], q.probeClass()[i], classes, settings);
            float[] llh = llhAfter[i];
            boolean ok = best[i].stop() != StopReason.DIVERGED && Inversion.finite(llh) && cs.holds(llh);
            if (ok) satisfied++;
            out.add(Explanation.builder(q.ids().get(i), settings.method(), q.trueClass()[i], q.probeClass()[i])
                    .input(c, h, w, q.images()[i])
                    .reconstruction(start0[i])
                    .answer(end[i], corrected[i], differenceMap(start0[i], end[i], c, h, w))
                    .probabilities(q.before()[i], after[i])
                    .constraints(cs.evaluate(llh))
                    .satisfied(ok, best[i].stop())
                    .search(ContrastiveSearch.distance(ze[i], inversion.z0()[i]), inversion.meanSquaredError()[i],
                            best[i].iterations(), best[i].trace())
                    .cost(millis / n, passes[i] + CLASSIFICATION_PASSES)
                    .build());
        }
        LOG.info("{} explained {} question(s) ({} search rows, {} iterations) in {} ms: {} satisfied",
                settings.method().id(), n, rows, totalIterations, millis, satisfied);
        return List.copyOf(out);
    }

    /** The search rows of these questions: row r starts at {@code start[r]} and answers {@code question[r]}. */
    private static ContrastiveSearch.Outcome[] search(LatentPipeline pipeline, NDManager base,
                                                      QuestionResolver.Resolved q, float[][] start, int[] question,
                                                      float[][] z0, float[][] residual, SolverSettings settings) {
        int rows = question.length;
        float[][] rowZ0 = new float[rows][];
        float[][] dz0 = new float[rows][];
        int[] t = new int[rows];
        int[] p = new int[rows];
        for (int r = 0; r < rows; r++) {
            rowZ0[r] = z0[question[r]];
            dz0[r] = residual[question[r]];
            t[r] = q.trueClass()[question[r]];
            p[r] = q.probeClass()[question[r]];
        }
        return ContrastiveSearch.run(pipeline, base, start, rowZ0, dz0, pipeline.classifier().inputShape(), t, p,
                settings);
    }

    /** Per question, the best outcome of all its search rows so far, and what the rows cost. */
    private static final class Selection {
        final ContrastiveSearch.Outcome[] best;
        private final double[] bestCost;
        private final AnswerSelection rule;
        int rows;
        int iterations;

        Selection(int questions, AnswerSelection rule) {
            this.best = new ContrastiveSearch.Outcome[questions];
            this.bestCost = new double[questions];
            this.rule = rule;
        }

        /**
         * @param onlySatisfied whether an outcome must meet the constraints to replace the kept one: a second
         *                      round's start lies far from z0, off the gradient path the first round took, so a
         *                      smaller violation there is no better explanation
         */
        void add(LatentPipeline pipeline, NDManager base, ContrastiveSearch.Outcome[] outcomes, int[] question,
                 float[][] z0, float[][] start0, long[] passes, boolean onlySatisfied) {
            double[] cost = answerCost(pipeline, base, outcomes, question, z0, start0, rule);
            for (int r = 0; r < outcomes.length; r++) {
                int i = question[r];
                iterations += outcomes[r].iterations();
                passes[i] += (long) PASSES_PER_STEP * outcomes[r].iterations();
                if (onlySatisfied && !outcomes[r].satisfied()) continue;
                if (best[i] == null || better(outcomes[r], cost[r], best[i], bestCost[i])) {
                    best[i] = outcomes[r];
                    bestCost[i] = cost[r];
                }
            }
            rows += outcomes.length;
        }

        /** The questions none of whose rows met the constraints. */
        int[] unsatisfied() {
            return IntStream.range(0, best.length).filter(i -> !best[i].satisfied()).toArray();
        }
    }

    /** Prefers a satisfied outcome of lower cost ({@link #answerCost}); among unsatisfied ones, the least violation. */
    private static boolean better(ContrastiveSearch.Outcome candidate, double candidateCost,
                                  ContrastiveSearch.Outcome current, double currentCost) {
        if (candidate.satisfied() != current.satisfied()) return candidate.satisfied();
        if (candidate.satisfied()) return candidateCost < currentCost;
        return candidate.violation() < current.violation();
    }

    /**
     * What the selection minimises over a question's satisfied rows: the latent distance from z0 ({@code nearest}),
     * or the change of the image, sum |G(z) - G(z0)| ({@code sparsest}; one batched generator pass over the
     * satisfied rows).
     */
    private static double[] answerCost(LatentPipeline pipeline, NDManager base, ContrastiveSearch.Outcome[] outcomes,
                                        int[] question, float[][] z0, float[][] start0, AnswerSelection selection) {
        int rows = outcomes.length;
        double[] cost = new double[rows];
        for (int r = 0; r < rows; r++) cost[r] = ContrastiveSearch.distance(outcomes[r].z(), z0[question[r]]);
        if (selection == AnswerSelection.NEAREST) return cost;
        int[] satisfied = IntStream.range(0, rows).filter(r -> outcomes[r].satisfied()).toArray();
        if (satisfied.length == 0) return cost;
        float[][] z = new float[satisfied.length][];
        for (int j = 0; j < satisfied.length; j++) z[j] = outcomes[satisfied[j]].z();
        float[][] images = pipeline.generate(base, z);
        for (int j = 0; j < satisfied.length; j++) {
            float[] before = start0[question[satisfied[j]]];
            double change = 0;
            for (int p = 0; p < before.length; p++) change += Math.abs(images[j][p] - before[p]);
            cost[satisfied[j]] = change;
        }
        return cost;
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
}
