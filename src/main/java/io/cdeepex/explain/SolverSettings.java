package io.cdeepex.explain;

/**
 * Parameters of inversion (Procedure 2) and of the augmented-Lagrangian search (Equation 2). The defaults
 * are what the audits and the CLI use; every field can be changed per call with the {@code with...} methods.
 *
 * @param method                CDeepEx (all constraints) or xGEMs (equality only)
 * @param eps                   margin, in log-likelihood, by which true and probe must beat every other class (default 0.1)
 * @param equalityTolerance     |llh(true) - llh(probe)| at which the equality counts as holding (default 0.05)
 * @param inequalityTolerance   slack below the margin at which an inequality still counts as holding (default 0.01)
 * @param maxOuterIterations    cap on multiplier updates (default 40)
 * @param innerSteps            Adam steps on z per multiplier update (default 15)
 * @param learningRate          Adam step size on z during the search (default 0.05)
 * @param penaltyStart          initial penalty c (default 1)
 * @param penaltyGrowth         factor on c when the violation did not shrink enough (default 4, Bertsekas' 4..10)
 * @param penaltyMax            cap on c (default 1e4)
 * @param violationShrink       required shrink factor of the violation per outer iteration (default 0.25)
 * @param distanceTolerance     relative change of ||z - z0|| below which the distance has converged (default 0.01)
 * @param searchStarts          search starts per question: z0, then z0 plus noise; the feasible solution nearest
 *                              z0 wins (default 1)
 * @param searchNoise           standard deviation of the noise for extra search starts (default 0.3)
 * @param inversionSteps        Adam steps of the inversion fit (default 150)
 * @param inversionLearningRate Adam step size of the inversion fit (default 0.05)
 * @param inversionStarts       random starts z ~ N(0, I) of the inversion, besides the encoder's start (default 1;
 *                              raise it for generators without an encoder)
 * @param seed                  seed for every random start (default 42): the same seed gives the same explanation
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
        int inversionSteps,
        double inversionLearningRate,
        int inversionStarts,
        long seed) {

    public SolverSettings {
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
        check(inversionSteps >= 0, "inversionSteps", inversionSteps, ">= 0");
        check(inversionLearningRate > 0, "inversionLearningRate", inversionLearningRate, "> 0");
        check(inversionStarts >= 0, "inversionStarts", inversionStarts, ">= 0");
        if (method == null) throw new IllegalArgumentException("solver setting 'method' is required");
    }

    public static SolverSettings defaults() {
        return new SolverSettings(Method.CDEEPEX, 0.1, 0.05, 0.01, 40, 15, 0.05, 1, 4, 1e4, 0.25, 0.01,
                1, 0.3, 150, 0.05, 1, 42);
    }

    public SolverSettings withMethod(Method m) {
        return new SolverSettings(m, eps, equalityTolerance, inequalityTolerance, maxOuterIterations, innerSteps,
                learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, searchStarts,
                searchNoise, inversionSteps, inversionLearningRate, inversionStarts, seed);
    }

    public SolverSettings withEps(double e) {
        return new SolverSettings(method, e, equalityTolerance, inequalityTolerance, maxOuterIterations, innerSteps,
                learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, searchStarts,
                searchNoise, inversionSteps, inversionLearningRate, inversionStarts, seed);
    }

    public SolverSettings withSeed(long s) {
        return new SolverSettings(method, eps, equalityTolerance, inequalityTolerance, maxOuterIterations, innerSteps,
                learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, searchStarts,
                searchNoise, inversionSteps, inversionLearningRate, inversionStarts, s);
    }

    public SolverSettings withIterations(int outer, int inner) {
        return new SolverSettings(method, eps, equalityTolerance, inequalityTolerance, outer, inner,
                learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, searchStarts,
                searchNoise, inversionSteps, inversionLearningRate, inversionStarts, seed);
    }

    public SolverSettings withSearchStarts(int starts, double noise) {
        return new SolverSettings(method, eps, equalityTolerance, inequalityTolerance, maxOuterIterations, innerSteps,
                learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, starts,
                noise, inversionSteps, inversionLearningRate, inversionStarts, seed);
    }

    public SolverSettings withInversion(int steps, int starts) {
        return new SolverSettings(method, eps, equalityTolerance, inequalityTolerance, maxOuterIterations, innerSteps,
                learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, searchStarts,
                searchNoise, steps, inversionLearningRate, starts, seed);
    }

    public SolverSettings withTolerances(double equality, double inequality) {
        return new SolverSettings(method, eps, equality, inequality, maxOuterIterations, innerSteps,
                learningRate, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, searchStarts,
                searchNoise, inversionSteps, inversionLearningRate, inversionStarts, seed);
    }

    public SolverSettings withLearningRate(double lr) {
        return new SolverSettings(method, eps, equalityTolerance, inequalityTolerance, maxOuterIterations, innerSteps,
                lr, penaltyStart, penaltyGrowth, penaltyMax, violationShrink, distanceTolerance, searchStarts,
                searchNoise, inversionSteps, inversionLearningRate, inversionStarts, seed);
    }

    private static void check(boolean ok, String name, double value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("solver setting '" + name + "' must be " + expected + ", got " + value);
        }
    }
}
