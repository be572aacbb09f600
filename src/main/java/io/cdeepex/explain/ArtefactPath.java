package io.cdeepex.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Is "add the artefact" a near answer to "why not the artefact's class?" in this generator's latent space? For each
 * image: z0 inverts the image, z1 the same image with the artefact planted; the segment z0 -> z1 is walked in
 * {@link #STEPS} equal steps until the probe class is at least as likely as the true class, judged as the search
 * judges (G(z) - dz0, the residual-corrected image). Where the two classes are then also the two most likely, the tie
 * is (to the step's resolution) a feasible point of Equation 2, so the nearest answer lies no farther than it: an
 * explanation farther away than such a tie means the search missed a nearer point; a tie farther than the
 * explanation means the nearest answer is not "add the artefact".
 */
public final class ArtefactPath {
    /** Equal steps from z0 to z1. */
    public static final int STEPS = 40;

    /**
     * @param imageId        the image
     * @param trueClass      the classifier's class for it
     * @param segmentLength  |z1 - z0|
     * @param tieDistance    |z - z0| at the first step where the probe is at least as likely as the true class; NaN
     *                       when no step of the segment gets there
     * @param redInArtefact  share of the red (added) mass of G(z) - G(z0) at the tie inside the artefact's square;
     *                       NaN without a tie
     * @param addsArtefact   whether G(z) - G(z0) at the tie adds at least half the artefact (the mean over its pixels
     *                       is at least half its value; {@link Explanation#addsArtefact}); false without a tie
     * @param topTwo         whether at the tie the true and the artefact's class are the two most likely classes (the
     *                       tie then satisfies Equation 2's inequalities too, up to their margin); false without a tie
     */
    public record Tie(String imageId, int trueClass, double segmentLength, double tieDistance, double redInArtefact,
                      boolean addsArtefact, boolean topTwo) {
        public boolean found() { return !Double.isNaN(tieDistance); }
    }

    private ArtefactPath() {}

    /**
     * Walks the segment for every image of the set (images the classifier already gives the artefact's class are
     * skipped: there is no question to ask), with the explainer's inversion settings and seed.
     */
    public static List<Tie> walk(Explainer explainer, ImageSet set, PlantSpec plant) {
        int probe = plant.targetClass().orElseThrow(() -> new IllegalArgumentException(
                "plant spec '" + plant + "' names no class (class=N): the artefact path asks \"why not that class?\""));
        LatentPipeline pipeline = explainer.pipeline();
        Shape in = pipeline.classifier().inputShape();
        int c = (int) in.get(0);
        int h = (int) in.get(1);
        int w = (int) in.get(2);
        int classes = pipeline.classifier().numClasses();
        if (probe >= classes) {
            throw new IllegalArgumentException("plant spec '" + plant + "': class " + probe
                    + " is outside the classifier's "
                    + classes + " classes");
        }
        int n = set.size();
        float[][] images = new float[n][];
        float[][] planted = new float[n][];
        for (int i = 0; i < n; i++) {
            images[i] = QuestionResolver.toClassifierInput(Question.of(set, i), c, h, w);
            planted[i] = plant.plant(images[i], c, h, w);
        }
        synchronized (Explainer.SOLVE_LOCK) {
            try (NDManager base = NDManager.newBaseManager(explainer.device())) {
                float[][] before = pipeline.logLikelihoods(base, images);
                Random random = new Random(explainer.settings().seed());
                float[][] z0 = Inversion.run(pipeline, base, images, in, explainer.settings().inversion(), random).z0();
                float[][] z1 = Inversion.run(pipeline, base, planted, in, explainer.settings().inversion(), random)
                        .z0();
                float[][] g0 = pipeline.generate(base, z0);
                List<Tie> ties = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int truth = QuestionResolver.ranking(before[i])[0];
                    if (truth == probe) continue;
                    ties.add(tie(explainer, base, set.id(i), truth, probe, plant, images[i], g0[i], z0[i], z1[i], in));
                }
                return ties;
            }
        }
    }

    /** The first step of the segment z0 -> z1 where the probe is at least as likely as the true class. */
    record Point(float[] z, int step, boolean topTwo) {}

    /**
     * @param residual dz0 = G(z0) - I at the classifier's size, as in the search
     * @return the tie, or null when no step of the segment gets there
     */
    static Point firstTie(LatentPipeline pipeline, NDManager base, float[] z0, float[] z1, float[] residual, Shape in,
                          int truth, int probe) {
        int k = z0.length;
        // every step of the segment in one batch: 40 forward passes of one image each
        float[] points = new float[STEPS * k];
        for (int s = 1; s <= STEPS; s++) {
            for (int j = 0; j < k; j++) points[(s - 1) * k + j] = z0[j] + (float) s / STEPS * (z1[j] - z0[j]);
        }
        int classes = pipeline.classifier().numClasses();
        float[] llh;
        try (NDManager it = base.newSubManager()) {
            NDArray dz0 = it.create(residual, new Shape(1).addAll(in));
            llh = ContrastiveSearch.logLikelihoods(pipeline, it.create(points, new Shape(STEPS, k)), dz0)
                    .toFloatArray();
        }
        for (int s = 1; s <= STEPS; s++) {
            int row = (s - 1) * classes;
            if (llh[row + probe] >= llh[row + truth]) {
                int[] order = QuestionResolver.ranking(Arrays.copyOfRange(llh, row, row + classes));
                boolean topTwo = (order[0] == truth || order[0] == probe) && (order[1] == truth || order[1] == probe);
                return new Point(Arrays.copyOfRange(points, (s - 1) * k, s * k), s, topTwo);
            }
        }
        return null;
    }

    private static Tie tie(Explainer explainer, NDManager base, String id, int truth, int probe, PlantSpec plant,
                           float[] image, float[] g0, float[] z0, float[] z1, Shape in) {
        int c = (int) in.get(0);
        int h = (int) in.get(1);
        int w = (int) in.get(2);
        double length = ContrastiveSearch.distance(z0, z1);
        float[] residual = new float[g0.length];
        for (int j = 0; j < g0.length; j++) residual[j] = g0[j] - image[j];
        Point p = firstTie(explainer.pipeline(), base, z0, z1, residual, in, truth, probe);
        if (p == null) return new Tie(id, truth, length, Double.NaN, Double.NaN, false, false);
        float[] end = explainer.pipeline().generate(base, new float[][] {p.z()})[0];
        float[] map = GenerativeSolver.differenceMap(g0, end, c, h, w);
        Region square = new Region(plant.x(), plant.y(), plant.size(), plant.size());
        return new Tie(id, truth, length, length * p.step() / STEPS, Explanation.massFraction(map, w, h, square, +1),
                Explanation.meanInside(map, w, square) >= c * plant.value() / 2.0, p.topTwo());
    }
}
