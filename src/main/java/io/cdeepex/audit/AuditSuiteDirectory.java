package io.cdeepex.audit;

import io.cdeepex.audit.engine.AuditTestEngine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as the entry point of a directory of YAML audit suites. Surefire (or an IDE) selects the class;
 * the {@link AuditTestEngine} then runs every {@code *.yaml} / {@code *.yml} file directly in the directory, one
 * container per file and one test per case. No per-suite Java code is needed:
 *
 * <pre>
 * &#64;AuditSuiteDirectory("audits")
 * public class AuditSuites {}
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AuditSuiteDirectory {
    /** The directory, relative to the working directory (the project root under Maven). */
    String value() default "audits";

    /**
     * File names in the directory not to run here; each still shows up, as a skipped test naming this annotation,
     * so that nothing is dropped silently.
     */
    String[] exclude() default {};
}
