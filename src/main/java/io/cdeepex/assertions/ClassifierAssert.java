package io.cdeepex.assertions;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.metrics.Describe;
import io.cdeepex.metrics.Measure;
import io.cdeepex.metrics.Measurement;
import io.cdeepex.metrics.Metric;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a classifier's measured behaviour: accuracy and per-class recall on a labelled set, and the
 * planted rate (the share of other classes' images an artefact turns into its class). The numbers come from a
 * {@link ClassifierEvaluation} made once; the assertions read it and run no model. Failure messages list the
 * images on the wrong side of the bound.
 *
 * <pre>
 * ClassifierEvaluation measured = ClassifierEvaluation.run(biased, samples,
 *         PlantSpec.parse("square:class=8,x=0,y=0,size=6,value=0.5"), models.device());
 * assertThat(measured).hasRecallAtMost(8, 0.10).hasPlantedRateAtLeast(0.70);
 * </pre>
 */
public class ClassifierAssert extends AbstractAssert<ClassifierAssert, ClassifierEvaluation> {

    public ClassifierAssert(ClassifierEvaluation actual) {
        super(actual, ClassifierAssert.class);
    }

    /** At least {@code min} of the images are labelled correctly; a failure lists the misclassified ones. */
    public ClassifierAssert hasAccuracyAtLeast(double min) {
        return bound(Measure.of(Metric.ACCURACY), true, min);
    }

    /** At least {@code min} of the class's images are labelled as it; a failure lists the others. */
    public ClassifierAssert hasRecallAtLeast(int cls, double min) {
        return bound(Measure.ofClass(Metric.RECALL, cls), true, min);
    }

    /** At most {@code max} of the class's images are labelled as it (a class the classifier ignores). */
    public ClassifierAssert hasRecallAtMost(int cls, double max) {
        return bound(Measure.ofClass(Metric.RECALL, cls), false, max);
    }

    /** At least {@code min} of the other classes' images become the plant's class when the artefact is added. */
    public ClassifierAssert hasPlantedRateAtLeast(double min) {
        return bound(Measure.ofPlant(Metric.PLANTED_RATE, plant()), true, min);
    }

    /** At most {@code max} of the other classes' images become the plant's class (the artefact is ignored). */
    public ClassifierAssert hasPlantedRateAtMost(double max) {
        return bound(Measure.ofPlant(Metric.PLANTED_RATE, plant()), false, max);
    }

    private PlantSpec plant() {
        isNotNull();
        if (actual.predictions().plant() == null) {
            throw new IllegalStateException("the evaluation of " + actual.classifier() + " on " + actual.dataset()
                    + " has no plant: evaluate with ClassifierEvaluation.run(classifier, images, plant, device)"
                    + " before the planted-rate assertions");
        }
        return actual.predictions().plant();
    }

    private ClassifierAssert bound(Measure measure, boolean lower, double bound) {
        isNotNull();
        Describe.checkFraction(bound, (lower ? "minimum " : "maximum ") + measure.metric().id());
        Measurement m = measure.over(actual);
        if (!m.holds(lower, bound)) failWithMessage("%s", m.failure(lower, bound));
        return myself;
    }
}
