package io.cdeepex.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraints of Equation 2 for one question and their augmented-Lagrangian multipliers (Bertsekas §4.2),
 * all on the log-likelihoods {@code llh} of the residual-corrected image:
 * equality {@code h = llh[t] - llh[p] = 0}; inequalities {@code gT_i = llh[t] - llh[i] - eps >= 0} and
 * {@code gP_i = llh[p] - llh[i] - eps >= 0} for every other class i (CDeepEx only; xGEMs has the equality alone).
 * The augmented Lagrangian is
 * {@code ||z - z0||^2 + lambda h + c/2 h^2 + sum (max(0, mu - c g)^2 - mu^2) / 2c}.
 */
final class ConstraintState {
    private final int trueClass;
    private final int probeClass;
    private final int classes;
    private final boolean inequalities;
    private final SolverSettings settings;
    private double lambda;
    private final double[] muTrue;
    private final double[] muProbe;
    private double penalty;
    private double previousViolation = Double.POSITIVE_INFINITY;

    ConstraintState(int trueClass, int probeClass, int classes, SolverSettings settings) {
        this.trueClass = trueClass;
        this.probeClass = probeClass;
        this.classes = classes;
        this.settings = settings;
        this.inequalities = settings.method() == Method.CDEEPEX;
        this.muTrue = new double[classes];
        this.muProbe = new double[classes];
        this.penalty = settings.search().penaltyStart();
    }

    private boolean other(int i) {
        return i != trueClass && i != probeClass;
    }

    /** d(augmented Lagrangian minus distance) / d(llh): the weights to back-propagate through the classifier. */
    float[] llhWeights(float[] llh) {
        float[] w = new float[classes];
        double h = llh[trueClass] - llh[probeClass];
        double a = lambda + penalty * h;
        w[trueClass] += (float) a;
        w[probeClass] -= (float) a;
        if (inequalities) {
            double eps = settings.search().eps();
            for (int i = 0; i < classes; i++) {
                if (!other(i)) continue;
                double bT = Math.max(0, muTrue[i] - penalty * (llh[trueClass] - llh[i] - eps));
                w[trueClass] -= (float) bT;
                w[i] += (float) bT;
                double bP = Math.max(0, muProbe[i] - penalty * (llh[probeClass] - llh[i] - eps));
                w[probeClass] -= (float) bP;
                w[i] += (float) bP;
            }
        }
        return w;
    }

    /** The augmented Lagrangian (see the class comment) at these log-likelihoods and squared distance to z0. */
    double augmentedLagrangian(float[] llh, double distanceSquared) {
        double h = llh[trueClass] - llh[probeClass];
        double value = distanceSquared + lambda * h + penalty / 2 * h * h;
        if (inequalities) {
            double eps = settings.search().eps();
            for (int i = 0; i < classes; i++) {
                if (!other(i)) continue;
                value += inequalityTerm(muTrue[i], llh[trueClass] - llh[i] - eps);
                value += inequalityTerm(muProbe[i], llh[probeClass] - llh[i] - eps);
            }
        }
        return value;
    }

    private double inequalityTerm(double mu, double g) {
        double b = Math.max(0, mu - penalty * g);
        return (b * b - mu * mu) / (2 * penalty);
    }

    /** First-order multiplier update and penalty growth after an inner minimisation. */
    void update(float[] llh) {
        double h = llh[trueClass] - llh[probeClass];
        lambda += penalty * h;
        if (inequalities) {
            double eps = settings.search().eps();
            for (int i = 0; i < classes; i++) {
                if (!other(i)) continue;
                muTrue[i] = Math.max(0, muTrue[i] - penalty * (llh[trueClass] - llh[i] - eps));
                muProbe[i] = Math.max(0, muProbe[i] - penalty * (llh[probeClass] - llh[i] - eps));
            }
        }
        double v = violation(llh);
        if (v > settings.search().violationShrink() * previousViolation) {
            penalty = Math.min(penalty * settings.search().penaltyGrowth(), settings.search().penaltyMax());
        }
        previousViolation = v;
    }

    /** Largest violation: |h| for the equality, the shortfall below the margin for inequalities. */
    double violation(float[] llh) {
        double v = Math.abs(llh[trueClass] - llh[probeClass]);
        if (inequalities) {
            double eps = settings.search().eps();
            for (int i = 0; i < classes; i++) {
                if (!other(i)) continue;
                v = Math.max(v, -(llh[trueClass] - llh[i] - eps));
                v = Math.max(v, -(llh[probeClass] - llh[i] - eps));
            }
        }
        return v;
    }

    boolean holds(float[] llh) {
        return evaluate(llh).stream().allMatch(Constraint::holds);
    }

    /** Every constraint's value and whether it holds within tolerance. */
    List<Constraint> evaluate(float[] llh) {
        List<Constraint> out = new ArrayList<>();
        double h = llh[trueClass] - llh[probeClass];
        out.add(new Constraint("llh(" + trueClass + ") - llh(" + probeClass + ") = 0", Constraint.Kind.EQUALITY, -1, h,
                Math.abs(h) <= settings.search().equalityTolerance()));
        if (inequalities) {
            double eps = settings.search().eps();
            double tol = settings.search().inequalityTolerance();
            for (int i = 0; i < classes; i++) {
                if (!other(i)) continue;
                double gT = llh[trueClass] - llh[i] - eps;
                out.add(new Constraint("llh(" + trueClass + ") - llh(" + i + ") >= eps",
                        Constraint.Kind.TRUE_OVER_OTHER,
                        i, gT, gT >= -tol));
            }
            for (int i = 0; i < classes; i++) {
                if (!other(i)) continue;
                double gP = llh[probeClass] - llh[i] - eps;
                out.add(new Constraint("llh(" + probeClass + ") - llh(" + i + ") >= eps",
                        Constraint.Kind.PROBE_OVER_OTHER,
                        i, gP, gP >= -tol));
            }
        }
        return out;
    }
}
