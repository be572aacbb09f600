package io.cdeepex.explain;

/**
 * Parameters of inversion (Procedure 2), of the augmented-Lagrangian search (Equation 2) and of the baseline
 * methods the paper compares against. The defaults are what the audits and the CLI use; change fields per call
 * with {@link #toBuilder()} (or the {@code with...} shortcuts). The record's component names are also the keys of
 * a suite's {@code solver:} mapping and of the {@code cdeepex.solver.<name>} configuration parameters.
 *
 * @param method                which method answers: CDeepEx (all constraints), xGEMs (equality only), or a
 *                              baseline (LIME, integrated gradients, PDA) made contrastive as in the paper's §4.1
 * @param eps                   margin, in log-likelihood, by which true and probe must beat every other class (default 0.1)
 * @param equalityTolerance     |llh(true) - llh(probe)| at which the equality counts as holding (default 0.05)
 * @param inequalityTolerance   slack below the margin at which an inequality still counts as holding (default 0.01)
 * @param maxOuterIterations    cap on multiplier updates (default 60)
 * @param innerSteps            Adam steps on z per multiplier update (default 25)
 * @param learningRate          Adam step size on z during the search (default 0.005). Small on purpose: the search
 *                              is non-convex and its path decides which feasible point it reaches; at 0.05 it
 *                              overshot into reshaped digits up to 9x farther from z0 than the answers found at
 *                              0.005, in about as many iterations (docs/experiments/solver-search.md)
 * @param penaltyStart          initial penalty c (default 1)
 * @param penaltyGrowth         factor on c when the violation did not shrink enough (default 4, Bertsekas' 4..10)
 * @param penaltyMax            cap on c (default 1e4)
 * @param violationShrink       required shrink factor of the violation per outer iteration (default 0.25)
 * @param distanceTolerance     relative change of ||z - z0|| below which the distance has converged (default 0.01)
 * @param searchStarts          search starts per question: z0, then z0 plus noise; the feasible solution nearest
 *                              z0 wins (default 1)
 * @param searchNoise           standard deviation of the noise for extra search starts (default 0.3)
 * @param lineSearchDirections  when above 0, the extra search starts come from walking z0 along this many random
 *                              directions until the probe is as likely as the true class, the nearest such points
 *                              first (noise starts fill in when fewer directions get there; needs searchStarts of
 *                              2 or more); default 0 = off. It finds answers a gradient path from z0 misses, such as
 *                              a planted square, at the cost of directions x 20 forward passes per question
 *                              (docs/experiments/solver-search.md)
 * @param lineSearchReach       how far from z0 those walks go, in 20 equal steps (default 3)
 * @param artefactPathStarts    1: in a bias audit (the classifier's card names a planted artefact with its class),
 *                              a "why not that class?" question gets one extra search start on the segment from z0
 *                              to the inversion of the same image with the artefact planted, where the two classes
 *                              first tie ({@link ArtefactPath}); the nearest feasible answer still wins, so the
 *                              artefact is the answer only where it is the nearer one. Needs searchStarts of 2 or
 *                              more; costs one more inversion per question. Default 0 = off
 *                              (docs/experiments/solver-search.md)
 * @param inversionSteps        Adam steps of the inversion fit (default 150)
 * @param inversionLearningRate Adam step size of the inversion fit (default 0.05)
 * @param inversionStarts       random starts z ~ N(0, I) of the inversion, besides the encoder's start (default 1;
 *                              raise it for generators without an encoder)
 * @param seed                  seed for every random start and sample (default 42): the same seed gives the same
 *                              explanation
 * @param limeSamples           LIME: perturbed images per explained image (default 1000)
 * @param limeSegments          LIME: target number of superpixels (default 50)
 * @param igSteps               integrated gradients: steps on the straight path from the baseline image (default 50)
 * @param igBaseline            integrated gradients: pixel value of the baseline image (default 0 = black)
 * @param pdaWindow             prediction difference analysis: side of the square window marginalised out (default 8)
 * @param pdaStride             PDA: step between window positions (default 4; Zintgraf et al. use 1, 16x the cost)
 * @param pdaPadding            PDA: width of the frame around the window that the conditional sampling conditions on
 *                              (default 2)
 * @param pdaSamples            PDA: conditional samples per window position (default 10)
 * @param pdaReferenceImages    PDA: images drawn from the generator to estimate the conditional Gaussians (default 256)
 * @param contrastWeightStep    contrastive adaptation of a baseline: step of the probe-map weight w in
 *                              map(true) - w * map(probe) (default 0.005, the paper's)
 * @param contrastWeightMax     largest weight w (default 2, the paper's)
 * @param imposeStrength        how strongly a contrastive map is imposed on the input to test it: the map scaled to
 *                              this largest absolute pixel change, removed where it favours the true class and added
 *                              where it favours the probe, clipped to 0..1 (default 1)
 */
public record SolverSettings(
        Method method,
        double eps,
        double equalityTolerance,
        double inequalityTolerance,
        int maxOuterIterations,
        int innerSteps,
        double learningRate,
        double penaltyStart,
        double penaltyGrowth,
        double penaltyMax,
        double violationShrink,
        double distanceTolerance,
        int searchStarts,
        double searchNoise,
        int lineSearchDirections,
        double lineSearchReach,
        int artefactPathStarts,
        int inversionSteps,
        double inversionLearningRate,
        int inversionStarts,
        long seed,
        int limeSamples,
        int limeSegments,
        int igSteps,
        double igBaseline,
        int pdaWindow,
        int pdaStride,
        int pdaPadding,
        int pdaSamples,
        int pdaReferenceImages,
        double contrastWeightStep,
        double contrastWeightMax,
        double imposeStrength) {

    public SolverSettings {
        if (method == null) throw new IllegalArgumentException("solver setting 'method' is required");
        check(eps >= 0, "eps", eps, ">= 0");
        check(equalityTolerance > 0, "equalityTolerance", equalityTolerance, "> 0");
        check(inequalityTolerance >= 0, "inequalityTolerance", inequalityTolerance, ">= 0");
        check(maxOuterIterations >= 1, "maxOuterIterations", maxOuterIterations, ">= 1");
        check(innerSteps >= 1, "innerSteps", innerSteps, ">= 1");
        check(learningRate > 0, "learningRate", learningRate, "> 0");
        check(penaltyStart > 0, "penaltyStart", penaltyStart, "> 0");
        check(penaltyGrowth >= 1, "penaltyGrowth", penaltyGrowth, ">= 1");
        check(penaltyMax >= penaltyStart, "penaltyMax", penaltyMax, ">= penaltyStart");
        check(violationShrink > 0 && violationShrink <= 1, "violationShrink", violationShrink, "in (0, 1]");
        check(distanceTolerance > 0, "distanceTolerance", distanceTolerance, "> 0");
        check(searchStarts >= 1, "searchStarts", searchStarts, ">= 1");
        check(searchNoise >= 0, "searchNoise", searchNoise, ">= 0");
        check(lineSearchDirections >= 0, "lineSearchDirections", lineSearchDirections, ">= 0");
        if (lineSearchDirections > 0 && searchStarts < 2) {
            throw new IllegalArgumentException("solver setting 'lineSearchDirections' (" + lineSearchDirections
                    + ") gives extra search starts, but 'searchStarts' is " + searchStarts + ": set it to 2 or more");
        }
        check(lineSearchReach > 0, "lineSearchReach", lineSearchReach, "> 0");
        check(artefactPathStarts == 0 || artefactPathStarts == 1, "artefactPathStarts", artefactPathStarts,
                "0 (off) or 1 (on)");
        if (artefactPathStarts > 0 && searchStarts < 2) {
            throw new IllegalArgumentException("solver setting 'artefactPathStarts' (" + artefactPathStarts
                    + ") gives an extra search start, but 'searchStarts' is " + searchStarts + ": set it to 2 or more");
        }
        check(inversionSteps >= 0, "inversionSteps", inversionSteps, ">= 0");
        check(inversionLearningRate > 0, "inversionLearningRate", inversionLearningRate, "> 0");
        check(inversionStarts >= 0, "inversionStarts", inversionStarts, ">= 0");
        check(limeSamples >= 10, "limeSamples", limeSamples, ">= 10");
        check(limeSegments >= 2, "limeSegments", limeSegments, ">= 2");
        check(igSteps >= 1, "igSteps", igSteps, ">= 1");
        check(igBaseline >= 0 && igBaseline <= 1, "igBaseline", igBaseline, "in [0, 1]");
        check(pdaWindow >= 1, "pdaWindow", pdaWindow, ">= 1");
        check(pdaStride >= 1, "pdaStride", pdaStride, ">= 1");
        check(pdaPadding >= 0, "pdaPadding", pdaPadding, ">= 0");
        check(pdaSamples >= 1, "pdaSamples", pdaSamples, ">= 1");
        check(pdaReferenceImages >= 2, "pdaReferenceImages", pdaReferenceImages, ">= 2");
        check(contrastWeightStep > 0, "contrastWeightStep", contrastWeightStep, "> 0");
        check(contrastWeightMax >= contrastWeightStep, "contrastWeightMax", contrastWeightMax, ">= contrastWeightStep");
        check(imposeStrength > 0, "imposeStrength", imposeStrength, "> 0");
    }

    public static SolverSettings defaults() {
        return new SolverSettings(Method.CDEEPEX, 0.1, 0.05, 0.01, 60, 25, 0.005, 1, 4, 1e4, 0.25, 0.01,
                1, 0.3, 0, 3.0, 0, 150, 0.05, 1, 42,
                1000, 50, 50, 0.0, 8, 4, 2, 10, 256, 0.005, 2.0, 1.0);
    }

    /** A builder holding these settings, to change some fields and {@link Builder#build()} a validated copy. */
    public Builder toBuilder() { return new Builder(this); }

    public SolverSettings withMethod(Method m) { return toBuilder().method(m).build(); }
    public SolverSettings withEps(double e) { return toBuilder().eps(e).build(); }
    public SolverSettings withSeed(long s) { return toBuilder().seed(s).build(); }
    public SolverSettings withIterations(int outer, int inner) {
        return toBuilder().maxOuterIterations(outer).innerSteps(inner).build();
    }
    public SolverSettings withSearchStarts(int starts, double noise) {
        return toBuilder().searchStarts(starts).searchNoise(noise).build();
    }
    public SolverSettings withInversion(int steps, int starts) {
        return toBuilder().inversionSteps(steps).inversionStarts(starts).build();
    }
    public SolverSettings withTolerances(double equality, double inequality) {
        return toBuilder().equalityTolerance(equality).inequalityTolerance(inequality).build();
    }
    public SolverSettings withLearningRate(double lr) { return toBuilder().learningRate(lr).build(); }

    private static void check(boolean ok, String name, double value, String expected) {
        if (!ok) {
            // counts are checked as doubles too; quote them as the integers the user wrote
            String shown = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
            throw new IllegalArgumentException("solver setting '" + name + "' must be " + expected + ", got " + shown);
        }
    }

    /** Mutable copy of the settings; {@link #build()} validates. */
    public static final class Builder {
        private Method method;
        private double eps, equalityTolerance, inequalityTolerance, learningRate, penaltyStart, penaltyGrowth,
                penaltyMax, violationShrink, distanceTolerance, searchNoise, lineSearchReach, inversionLearningRate,
                igBaseline, contrastWeightStep, contrastWeightMax, imposeStrength;
        private int maxOuterIterations, innerSteps, searchStarts, lineSearchDirections, artefactPathStarts, inversionSteps,
                inversionStarts, limeSamples, limeSegments, igSteps, pdaWindow, pdaStride, pdaPadding, pdaSamples, pdaReferenceImages;
        private long seed;

        private Builder(SolverSettings s) {
            method = s.method; eps = s.eps; equalityTolerance = s.equalityTolerance;
            inequalityTolerance = s.inequalityTolerance; maxOuterIterations = s.maxOuterIterations;
            innerSteps = s.innerSteps; learningRate = s.learningRate; penaltyStart = s.penaltyStart;
            penaltyGrowth = s.penaltyGrowth; penaltyMax = s.penaltyMax; violationShrink = s.violationShrink;
            distanceTolerance = s.distanceTolerance; searchStarts = s.searchStarts; searchNoise = s.searchNoise;
            lineSearchDirections = s.lineSearchDirections; lineSearchReach = s.lineSearchReach;
            artefactPathStarts = s.artefactPathStarts;
            inversionSteps = s.inversionSteps; inversionLearningRate = s.inversionLearningRate;
            inversionStarts = s.inversionStarts; seed = s.seed; limeSamples = s.limeSamples;
            limeSegments = s.limeSegments; igSteps = s.igSteps; igBaseline = s.igBaseline; pdaWindow = s.pdaWindow;
            pdaStride = s.pdaStride; pdaPadding = s.pdaPadding; pdaSamples = s.pdaSamples;
            pdaReferenceImages = s.pdaReferenceImages; contrastWeightStep = s.contrastWeightStep;
            contrastWeightMax = s.contrastWeightMax; imposeStrength = s.imposeStrength;
        }

        public Builder method(Method v) { method = v; return this; }
        public Builder eps(double v) { eps = v; return this; }
        public Builder equalityTolerance(double v) { equalityTolerance = v; return this; }
        public Builder inequalityTolerance(double v) { inequalityTolerance = v; return this; }
        public Builder maxOuterIterations(int v) { maxOuterIterations = v; return this; }
        public Builder innerSteps(int v) { innerSteps = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder penaltyStart(double v) { penaltyStart = v; return this; }
        public Builder penaltyGrowth(double v) { penaltyGrowth = v; return this; }
        public Builder penaltyMax(double v) { penaltyMax = v; return this; }
        public Builder violationShrink(double v) { violationShrink = v; return this; }
        public Builder distanceTolerance(double v) { distanceTolerance = v; return this; }
        public Builder searchStarts(int v) { searchStarts = v; return this; }
        public Builder searchNoise(double v) { searchNoise = v; return this; }
        public Builder lineSearchDirections(int v) { lineSearchDirections = v; return this; }
        public Builder lineSearchReach(double v) { lineSearchReach = v; return this; }
        public Builder artefactPathStarts(int v) { artefactPathStarts = v; return this; }
        public Builder inversionSteps(int v) { inversionSteps = v; return this; }
        public Builder inversionLearningRate(double v) { inversionLearningRate = v; return this; }
        public Builder inversionStarts(int v) { inversionStarts = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder limeSamples(int v) { limeSamples = v; return this; }
        public Builder limeSegments(int v) { limeSegments = v; return this; }
        public Builder igSteps(int v) { igSteps = v; return this; }
        public Builder igBaseline(double v) { igBaseline = v; return this; }
        public Builder pdaWindow(int v) { pdaWindow = v; return this; }
        public Builder pdaStride(int v) { pdaStride = v; return this; }
        public Builder pdaPadding(int v) { pdaPadding = v; return this; }
        public Builder pdaSamples(int v) { pdaSamples = v; return this; }
        public Builder pdaReferenceImages(int v) { pdaReferenceImages = v; return this; }
        public Builder contrastWeightStep(double v) { contrastWeightStep = v; return this; }
        public Builder contrastWeightMax(double v) { contrastWeightMax = v; return this; }
        public Builder imposeStrength(double v) { imposeStrength = v; return this; }

        public SolverSettings build() {
            return new SolverSettings(method, eps, equalityTolerance, inequalityTolerance, maxOuterIterations,
                    innerSteps, learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink,
                    distanceTolerance, searchStarts, searchNoise, lineSearchDirections, lineSearchReach, artefactPathStarts,
                    inversionSteps, inversionLearningRate, inversionStarts, seed, limeSamples, limeSegments, igSteps, igBaseline,
                    pdaWindow, pdaStride, pdaPadding, pdaSamples, pdaReferenceImages, contrastWeightStep,
                    contrastWeightMax, imposeStrength);
        }
    }
}
