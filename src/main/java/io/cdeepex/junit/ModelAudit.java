package io.cdeepex.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class as a model audit: fields and parameters annotated with {@link AuditClassifier},
 * {@link AuditGenerator}, {@link AuditExplainer} and {@link AuditSamples} are injected, and a parameter of type
 * {@link AuditModels} gives dynamic tests the same fixtures. Each model directory is loaded once per test run and
 * device, shared by every test (also in parallel) and closed when the run ends.
 *
 * <p>Every attribute left empty falls back to a JUnit configuration parameter (launcher parameter, system property
 * or {@code junit-platform.properties}, in JUnit's order), then to a default:
 * <ul>
 *   <li>{@link #models()}: {@code cdeepex.models}, else {@code models} (relative to the working directory);</li>
 *   <li>{@link #device()}: {@code cdeepex.device}, else the environment variable {@code CDEEPEX_DEVICE}, else
 *       {@code auto} (the GPU when DJL sees one);</li>
 *   <li>solver settings of injected explainers: {@code cdeepex.solver.<name>} for any
 *       {@link io.cdeepex.explain.SolverSetting}, else its defaults; {@link AuditExplainer} overrides both.</li>
 * </ul>
 *
 * <pre>
 * &#64;ModelAudit
 * class ConstraintAuditTest {
 *     &#64;Test
 *     void secondMostLikely(&#64;AuditExplainer(classifier = "mnist-classifier") Explainer explainer,
 *                           &#64;AuditSamples(count = 16) ImageSet digits) {
 *         AuditAssertions.assertThat(explainer.explain(digits, Question.SECOND))
 *                 .satisfiesAllConstraintsInAtLeast(0.95)
 *                 .hasThirdClassWinningInAtMost(0.0);
 *     }
 * }
 * </pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ModelAuditExtension.class)
public @interface ModelAudit {
    /** Directory that holds model directories by name; empty = configuration parameter {@code cdeepex.models}. */
    String models() default "";

    /**
     * {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; empty = configuration parameter
     * {@code cdeepex.device}.
     */
    String device() default "";

    /**
     * Whether the audit needs a GPU (e.g. it would take too long on a CPU). Without one, every test of the class
     * is disabled (skipped) with a reason; the device becomes the GPU unless {@link #device()} names one.
     */
    boolean requireGpu() default false;
}
