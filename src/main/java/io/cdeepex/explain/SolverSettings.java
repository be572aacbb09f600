package io.cdeepex.explain;

/**
 * Parameters of inversion (Procedure 2), of the augmented-Lagrangian search (Equation 2), of where that search
 * starts, and of the baseline methods the paper compares against, as one record per stage. The defaults are what
 * the audits and the CLI use; change settings by name with {@link #toBuilder()} (or the {@code with...} shortcuts).
 * Users name them flat ({@code eps}, {@code inversionSteps}, ...): {@link SolverSetting} lists every name with its
 * type and range, and {@link SolverSettingsBinder} applies named values from suites and configuration parameters.
 * Every value is checked on construction; an {@link InvalidSolverSettingsException} names each bad one.
 *
 * @param method    which method answers: CDeepEx (all constraints), xGEMs (equality only), or a baseline (LIME,
 *                  integrated gradients, PDA) made contrastive as in the paper's §4.1
 * @param seed      seed for every random start and sample (default 42): the same seed gives the same explanation
 * @param inversion how z0 is found
 * @param search    the augmented-Lagrangian search from z0
 * @param starts    where the search starts besides z0
 * @param baselines the baseline methods and their contrastive adaptation
 */
public record SolverSettings(Method method, long seed, Inversion inversion, Search search, Starts starts,
                             Baselines baselines) {

    /**
     * Procedure 2: {@code z0 = argmin ||G(z) - I||^2} by Adam.
     *
     * @param steps        Adam steps of the inversion fit ({@code inversionSteps}, default 150)
     * @param learningRate Adam step size of the inversion fit ({@code inversionLearningRate}, default 0.05)
     * @param starts       random starts z ~ N(0, I) besides the encoder's start ({@code inversionStarts}, default 0:
     *                     the encoder's start alone); a generator without an encoder always gets at least one, and
     *                     needs more (e.g. 8) for a good z0
     */
    public record Inversion(int steps, double learningRate, int starts) {}

    /**
     * Equation 2 by an augmented Lagrangian method.
     *
     * @param eps                 margin, in log-likelihood, by which true and probe must beat every other class
     *                            (default 0.1)
     * @param equalityTolerance   |llh(true) - llh(probe)| at which the equality counts as holding (default 0.05)
     * @param inequalityTolerance slack below the margin at which an inequality still counts as holding (default 0.01)
     * @param maxOuterIterations  cap on multiplier updates (default 60)
     * @param innerSteps          Adam steps on z per multiplier update (default 25)
     * @param learningRate        Adam step size on z during the search (default 0.005). Small on purpose: the search
     *                            is non-convex and its path decides which feasible point it reaches; larger steps
     *                            overshoot into reshaped digits far from z0 (docs/experiments)
     * @param penaltyStart        initial penalty c (default 1)
     * @param penaltyGrowth       factor on c when the violation did not shrink enough (default 4, Bertsekas' 4..10)
     * @param penaltyMax          cap on c (default 1e4)
     * @param violationShrink     required shrink factor of the violation per outer iteration (default 0.25)
     * @param distanceTolerance   relative change of ||z - z0|| below which the distance has converged (default 0.01)
     * @param innerStopTolerance  a row leaves the inner loop before {@code innerSteps} once the augmented Lagrangian
     *                            improved by at most this share of its value over the last few steps
     *                            ({@link InnerStopRule}; default 0 = off, every inner loop runs all its steps)
     */
    public record Search(double eps, double equalityTolerance, double inequalityTolerance, int maxOuterIterations,
                         int innerSteps, double learningRate, double penaltyStart, double penaltyGrowth,
                         double penaltyMax, double violationShrink, double distanceTolerance,
                         double innerStopTolerance) {}

    /**
     * Search starts per question: z0 first, then the extra starts; the feasible solution nearest z0 wins (or, with
     * {@code answerSelection: sparsest}, the one whose image changes least).
     *
     * @param count                {@code searchStarts}: starts per question (default 1 = z0 alone)
     * @param noise                {@code searchNoise}: standard deviation of the noise added to z0 for extra starts
     *                             that no other strategy fills (default 0.3)
     * @param lineSearchDirections when above 0, extra starts come from walking z0 along this many random directions
     *                             until the probe is as likely as the true class, the nearest such points first; it
     *                             finds answers a gradient path from z0 misses, such as a planted square, at the cost
     *                             of directions x 20 forward passes per question (default 0 = off)
     * @param lineSearchReach      how far from z0 those walks go, in 20 equal steps (default 3)
     * @param artefactPath         {@code artefactPathStarts}: in a bias audit, a "why not the artefact's class?"
     *                             question gets its last extra start where the segment from z0 to the inversion of
     *                             the image with the artefact planted first ties the two classes
     *                             ({@link ArtefactPath});
     *                             the selected feasible answer still wins. Costs one more inversion per question;
     *                             needs the artefact ({@link Explainer#withArtefact}). Default false
     * @param selection            {@code answerSelection}: which feasible answer of the starts is kept (default
     *                             {@link AnswerSelection#NEAREST}, Equation 2)
     * @param retryStarts          {@code retryStarts}: a question none of whose starts met the constraints is searched
     *                             again, with a third of {@code maxOuterIterations}, from up to this many points
     *                             where walks from z0 along random directions first make the probe as likely as the
     *                             true class ({@link SearchRetry}); a satisfied answer of this round replaces the
     *                             first round's unsatisfied one. Costs nothing where the first round answers
     *                             (default 3; 0 = off)
     */
    public record Starts(int count, double noise, int lineSearchDirections, double lineSearchReach,
                         boolean artefactPath, AnswerSelection selection, int retryStarts) {
        public Starts {
            if (selection == null) throw new IllegalArgumentException("search starts need an answer selection");
        }
    }

    /**
     * The baseline methods (§4.1 of the paper) and how their maps are made contrastive and tested.
     *
     * @param limeSamples        LIME: perturbed images per explained image (default 1000)
     * @param limeSegments       LIME: target number of superpixels (default 50)
     * @param igSteps            integrated gradients: steps on the straight path from the baseline image (default 50)
     * @param igBaseline         integrated gradients: pixel value of the baseline image (default 0 = black)
     * @param pdaWindow          prediction difference analysis: side of the square window marginalised out
     *                           (default 8)
     * @param pdaStride          PDA: step between window positions (default 4; Zintgraf et al. use 1, 16x the cost)
     * @param pdaPadding         PDA: width of the frame around the window that the conditional sampling conditions
     *                           on (default 2)
     * @param pdaSamples         PDA: conditional samples per window position (default 10)
     * @param pdaReferenceImages PDA: images drawn from the generator to estimate the conditional Gaussians
     *                           (default 256)
     * @param contrastWeightStep step of the probe-map weight w in map(true) - w * map(probe) (default 0.005)
     * @param contrastWeightMax  largest weight w (default 2, the paper's)
     * @param imposeStrength     how strongly a contrastive map is imposed on the input to test it: the map scaled to
     *                           this largest absolute pixel change, removed where it favours the true class and added
     *                           where it favours the probe, clipped to 0..1 (default 1)
     */
    public record Baselines(int limeSamples, int limeSegments, int igSteps, double igBaseline, int pdaWindow,
                            int pdaStride, int pdaPadding, int pdaSamples, int pdaReferenceImages,
                            double contrastWeightStep, double contrastWeightMax, double imposeStrength) {}

    public SolverSettings(Method method, long seed, Inversion inversion, Search search, Starts starts,
                          Baselines baselines) {
        if (method == null || inversion == null || search == null || starts == null || baselines == null) {
            throw new IllegalArgumentException("solver settings need a method, inversion, search, starts and "
                    + "baselines");
        }
        this.method = method;
        this.seed = seed;
        this.inversion = inversion;
        this.search = search;
        this.starts = starts;
        this.baselines = baselines;
        // the catalog reads the values through the accessors: check once every field is set
        InvalidSolverSettingsException.throwIfAny(SolverSetting.problems(this));
    }

    private static final SolverSettings DEFAULTS = new Builder()
            .method(Method.CDEEPEX).seed(42)
            .inversionSteps(150).inversionLearningRate(0.05).inversionStarts(0)
            .eps(0.1).equalityTolerance(0.05).inequalityTolerance(0.01).maxOuterIterations(60).innerSteps(25)
            .learningRate(0.005).penaltyStart(1).penaltyGrowth(4).penaltyMax(1e4).violationShrink(0.25)
            .distanceTolerance(0.01).innerStopTolerance(0)
            .searchStarts(1).searchNoise(0.3).lineSearchDirections(0).lineSearchReach(3.0).artefactPathStarts(false)
            .answerSelection(AnswerSelection.NEAREST).retryStarts(3)
            .limeSamples(1000).limeSegments(50).igSteps(50).igBaseline(0.0).pdaWindow(8).pdaStride(4).pdaPadding(2)
            .pdaSamples(10).pdaReferenceImages(256).contrastWeightStep(0.005).contrastWeightMax(2.0)
            .imposeStrength(1.0)
            .build();

    public static SolverSettings defaults() {
        return DEFAULTS;
    }

    /** A builder holding these settings, to change some by name and {@link Builder#build()} a checked copy. */
    public Builder toBuilder() { return new Builder(this); }

    public SolverSettings withMethod(Method m) { return toBuilder().method(m).build(); }
    public SolverSettings withEps(double e) { return toBuilder().eps(e).build(); }
    public SolverSettings withSeed(long s) { return toBuilder().seed(s).build(); }
    public SolverSettings withIterations(int outer, int inner) {
        return toBuilder().maxOuterIterations(outer).innerSteps(inner).build();
    }
    public SolverSettings withSearchStarts(int count, double noise) {
        return toBuilder().searchStarts(count).searchNoise(noise).build();
    }
    public SolverSettings withInversion(int steps, int randomStarts) {
        return toBuilder().inversionSteps(steps).inversionStarts(randomStarts).build();
    }
    public SolverSettings withTolerances(double equality, double inequality) {
        return toBuilder().equalityTolerance(equality).inequalityTolerance(inequality).build();
    }
    public SolverSettings withLearningRate(double lr) { return toBuilder().learningRate(lr).build(); }

    /** Settings by their user-facing names; {@link #build()} checks them all at once. */
    public static final class Builder {
        private Method method;
        private long seed;
        private int inversionSteps, inversionStarts;
        private double inversionLearningRate;
        private double eps, equalityTolerance, inequalityTolerance, learningRate, penaltyStart, penaltyGrowth,
                penaltyMax, violationShrink, distanceTolerance, innerStopTolerance;
        private int maxOuterIterations, innerSteps;
        private int searchStarts, lineSearchDirections, retryStarts;
        private double searchNoise, lineSearchReach;
        private boolean artefactPathStarts;
        private AnswerSelection answerSelection;
        private int limeSamples, limeSegments, igSteps, pdaWindow, pdaStride, pdaPadding, pdaSamples,
                pdaReferenceImages;
        private double igBaseline, contrastWeightStep, contrastWeightMax, imposeStrength;

        private Builder() {}

        /** A copy of the settings, setting by setting through the catalog (the one list of them). */
        private Builder(SolverSettings s) {
            for (SolverSetting setting : SolverSetting.all()) setting.writer().accept(this, setting.read(s));
        }

        public Builder method(Method v) { method = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder inversionSteps(int v) { inversionSteps = v; return this; }
        public Builder inversionLearningRate(double v) { inversionLearningRate = v; return this; }
        public Builder inversionStarts(int v) { inversionStarts = v; return this; }
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
        public Builder innerStopTolerance(double v) { innerStopTolerance = v; return this; }
        public Builder searchStarts(int v) { searchStarts = v; return this; }
        public Builder searchNoise(double v) { searchNoise = v; return this; }
        public Builder lineSearchDirections(int v) { lineSearchDirections = v; return this; }
        public Builder lineSearchReach(double v) { lineSearchReach = v; return this; }
        public Builder artefactPathStarts(boolean v) { artefactPathStarts = v; return this; }
        public Builder answerSelection(AnswerSelection v) { answerSelection = v; return this; }
        public Builder retryStarts(int v) { retryStarts = v; return this; }
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

        /** @throws InvalidSolverSettingsException naming every setting out of its range */
        public SolverSettings build() {
            return new SolverSettings(method, seed,
                    new Inversion(inversionSteps, inversionLearningRate, inversionStarts),
                    new Search(eps, equalityTolerance, inequalityTolerance, maxOuterIterations, innerSteps,
                            learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance,
                            innerStopTolerance),
                    new Starts(searchStarts, searchNoise, lineSearchDirections, lineSearchReach, artefactPathStarts,
                            answerSelection, retryStarts),
                    new Baselines(limeSamples, limeSegments, igSteps, igBaseline, pdaWindow, pdaStride, pdaPadding,
                            pdaSamples, pdaReferenceImages, contrastWeightStep, contrastWeightMax, imposeStrength));
        }
    }
}
