package io.cdeepex.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@link io.cdeepex.model.Generator} into a field or parameter of a {@link ModelAudit} test, shared like
 * {@link AuditClassifier}'s classifiers.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuditGenerator {
    /** A model name under the models root (e.g. {@code mnist-vae}) or a path to a model directory. */
    String value();
}
