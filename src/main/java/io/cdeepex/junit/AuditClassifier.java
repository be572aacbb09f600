package io.cdeepex.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@link io.cdeepex.model.Classifier} into a field or parameter of a {@link ModelAudit} test. The same
 * instance serves every test of the run that names the same directory on the same device; do not close it.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuditClassifier {
    /** A model name under the models root (e.g. {@code mnist-biased8}) or a path to a model directory. */
    String value();
}
