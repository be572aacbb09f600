package io.cdeepex.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects an {@link io.cdeepex.data.ImageSet} chosen from a dataset into a field or parameter of a
 * {@link ModelAudit} test: {@link io.cdeepex.data.Datasets#load} then {@link io.cdeepex.data.SampleFilter}, then the
 * planted artefact if any. The same attributes always give the same images in the same order.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuditSamples {
    /**
     * Dataset name ({@code mnist-samples}, {@code mnist-test}, ...) or path, as {@link io.cdeepex.data.Datasets#load}.
     */
    String dataset() default "mnist-samples";

    /** Labels to keep; empty = all. */
    int[] include() default {};

    /** Labels to drop. */
    int[] exclude() default {};

    /** How many images; 0 = all that pass the filter. */
    int count() default 0;

    /** Seed of the deterministic shuffle before taking {@link #count()}. */
    long seed() default 1;

    /**
     * An artefact to plant, as {@link io.cdeepex.data.PlantSpec#parse}: e.g.
     * {@code square:class=8,x=0,y=0,size=6,value=0.5} (on the images of class 8) or
     * {@code square:x=0,y=0,size=6,value=0.5} (on every image). Coordinates are in the dataset's pixels. Empty = none.
     */
    String plant() default "";

    /**
     * Drop the dataset's class names ({@link io.cdeepex.data.ImageSet#withoutClassNames()}): for data relabelled on
     * purpose, whose labels are to be read as the classifier's classes. Without it, assertions that measure a
     * classifier on images whose dataset names other classes than the card's {@code classNames} (an MNIST classifier
     * on {@code fashion-samples}) refuse the pair.
     */
    boolean ignoreClassNames() default false;
}
