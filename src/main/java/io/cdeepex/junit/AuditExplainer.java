package io.cdeepex.junit;

import io.cdeepex.explain.Method;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects an {@link io.cdeepex.explain.Explainer} over a shared classifier and generator into a field or parameter
 * of a {@link ModelAudit} test. Every explanation it computes is attached to the running test's Allure report
 * (pictures, trace and JSON per explanation; a summary grid for a batch of several).
 *
 * <p>Solver settings: {@link io.cdeepex.explain.SolverSettings#defaults()}, then the configuration parameters
 * {@code cdeepex.solver.<field>}, then the attributes below that are set (numeric attributes use a negative or zero
 * sentinel for "not set", as documented on each).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuditExplainer {
    /** The classifier: a model name under the models root or a path. */
    String classifier();

    /** The generator; empty = the one the classifier's card names in field {@code generator} (a sibling directory). */
    String generator() default "";

    /** CDeepEx (all constraints) or xGEMs (the paper's ablation). */
    Method method() default Method.CDEEPEX;

    /** Search starts per question; 0 = not set. */
    int searchStarts() default 0;

    /** Seed of every random start; negative = not set. */
    long seed() default -1;

    /** Cap on multiplier updates; 0 = not set. */
    int maxOuterIterations() default 0;

    /** Adam steps per multiplier update; 0 = not set. */
    int innerSteps() default 0;

    /** Adam step size of the search; 0 or negative = not set. Short searches (a few steps) need a larger one. */
    double learningRate() default 0;

    /** Margin (log-likelihood) of true and probe over the other classes; negative = not set. */
    double eps() default -1;

    /** Adam steps of the inversion fit; negative = not set. */
    int inversionSteps() default -1;

    /** Random starts of the inversion; negative = not set. */
    int inversionStarts() default -1;

    /** Whether to attach each explanation to the Allure report of the running test. */
    boolean attachToReport() default true;
}
