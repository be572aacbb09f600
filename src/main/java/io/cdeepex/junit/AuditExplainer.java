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
 * {@code cdeepex.solver.<name>}, then the attributes below that are set, checked once combined. A numeric
 * attribute is "not set" while it holds its sentinel ({@link #NOT_SET}, {@link #NOT_SET_SEED}, NaN), so that every
 * real value, 0 included, is a setting and is checked like any other.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuditExplainer {
    /** "Not set" of the int attributes. */
    int NOT_SET = Integer.MIN_VALUE;
    /** "Not set" of {@link #seed()}. */
    long NOT_SET_SEED = Long.MIN_VALUE;

    /** The classifier: a model name under the models root or a path. */
    String classifier();

    /** The generator; empty = the one the classifier's card names in field {@code generator} (a sibling directory). */
    String generator() default "";

    /** CDeepEx (all constraints) or xGEMs (the paper's ablation). */
    Method method() default Method.CDEEPEX;

    /** Search starts per question. */
    int searchStarts() default NOT_SET;

    /** Seed of every random start and sample. */
    long seed() default NOT_SET_SEED;

    /** Cap on multiplier updates. */
    int maxOuterIterations() default NOT_SET;

    /** Adam steps per multiplier update. */
    int innerSteps() default NOT_SET;

    /** Adam step size of the search. Short searches (a few steps) need a larger one. */
    double learningRate() default Double.NaN;

    /** Margin (log-likelihood) of true and probe over the other classes. */
    double eps() default Double.NaN;

    /** Adam steps of the inversion fit. */
    int inversionSteps() default NOT_SET;

    /** Random starts of the inversion besides the encoder's. */
    int inversionStarts() default NOT_SET;

    /** Whether to attach each explanation to the Allure report of the running test. */
    boolean attachToReport() default true;
}
