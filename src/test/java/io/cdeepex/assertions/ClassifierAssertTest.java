package io.cdeepex.assertions;

import ai.djl.Device;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.junit.AuditClassifier;
import io.cdeepex.junit.AuditSamples;
import io.cdeepex.junit.ModelAudit;
import io.cdeepex.model.Classifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Classifier assertions with the tiny TorchScript classifier on the committed 500 MNIST samples. */
@ModelAudit(models = "src/test/resources/models", device = "cpu")
class ClassifierAssertTest {
    private static final String SQUARE = "square:class=8,x=0,y=0,size=6,value=0.5";

    @AuditClassifier("tiny-cnn")
    static Classifier classifier;

    @AuditSamples
    static ImageSet samples;

    @AuditSamples(dataset = "fashion-samples", count = 20)
    static ImageSet clothes;

    @AuditSamples(dataset = "fashion-samples", count = 20, ignoreClassNames = true)
    static ImageSet relabelledClothes;

    static ClassifierEvaluation measured;

    @BeforeAll
    static void measure() {
        measured = ClassifierEvaluation.run(classifier, samples, PlantSpec.parse(SQUARE), Device.cpu());
    }

    @Test
    void imagesOfOtherClassesAreRefusedUnlessTheirClassNamesAreIgnored() {
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).on(clothes, Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fashion-samples's classes [T-shirt/top, Trouser,")
                .hasMessageContaining("tiny-cnn's classNames [0, 1, 2,")
                .hasMessageContaining("@AuditSamples(ignoreClassNames = true) or ImageSet.withoutClassNames()");

        AuditAssertions.assertThat(classifier).on(relabelledClothes, Device.cpu()).hasAccuracyAtLeast(0.0);
        assertThat(relabelledClothes.classNames()).isEmpty();
    }

    @Test
    void accuracyPassesAtTheMeasuredValueAndFailsAboveItListingMisclassifiedImages() {
        double accuracy = measured.accuracy();
        assertThat(accuracy).as("fixture: tiny-cnn is decent but not perfect").isBetween(0.8, 0.98);
        long wrong = Math.round((1 - accuracy) * samples.size());

        AuditAssertions.assertThat(classifier).on(samples, Device.cpu()).hasAccuracyAtLeast(accuracy);
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).on(samples, Device.cpu()).hasAccuracyAtLeast(0.99))
                .hasMessageContaining("Expecting classifier tiny-cnn to have accuracy at least 0.990 on mnist-samples"
                        + " (500 images), but it was " + num(accuracy) + " (threshold 0.990). Misclassified (" + wrong + "):")
                .hasMessageContaining("  - mnist-samples#").hasMessageContaining(", predicted ")
                .hasMessageEndingWith("... and " + (wrong - 10) + " more");
    }

    @Test
    void recallBoundsNameTheImagesOnTheWrongSide() {
        double recall3 = measured.recall(3);
        assertThat(recall3).as("fixture: class 3 is tiny-cnn's weakest").isBetween(0.3, 0.9);

        AuditAssertions.assertThat(classifier).on(samples, Device.cpu())
                .hasRecallAtLeast(3, recall3).hasRecallAtMost(3, recall3).hasRecallAtLeast(0, 0.9);
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).on(samples, Device.cpu()).hasRecallAtLeast(3, 0.95))
                .hasMessageContaining("to recognise at least 95.0% of the class 3 images of mnist-samples, but its recall was "
                        + num(recall3) + " (threshold 0.950). Not recognised (")
                .hasMessageContaining(": predicted ");
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).on(samples, Device.cpu()).hasRecallAtMost(3, 0.1))
                .hasMessageContaining("to recognise at most 10.0% of the class 3 images")
                .hasMessageContaining("Recognised (").hasMessageContaining(": predicted 3");
    }

    @Test
    void aCleanClassifierIgnoresThePlantedSquare() {
        double rate = measured.plantedRate();
        assertThat(rate).as("fixture: tiny-cnn never saw the square").isLessThan(0.05);

        AuditAssertions.assertThat(classifier).on(samples, Device.cpu()).withPlant(SQUARE).hasPlantedRateAtMost(0.05);
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).on(samples, Device.cpu()).withPlant(SQUARE)
                .hasPlantedRateAtLeast(0.7))
                .hasMessageContaining("Expecting the artefact " + SQUARE + " to turn at least 70.0% of the other classes'"
                        + " images of mnist-samples into class 8 for classifier tiny-cnn, but the planted rate was "
                        + num(rate) + " (threshold 0.700). Not turned (")
                .hasMessageContaining("with the artefact");
    }

    @Test
    void misuseIsReportedBeforeMeasuring() {
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).hasAccuracyAtLeast(0.5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("call on(ImageSet)");
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).on(samples).hasPlantedRateAtLeast(0.5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("call withPlant(spec)");
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).withPlant("square:x=0,y=0,size=6,value=0.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no class");
        assertThatThrownBy(() -> AuditAssertions.assertThat(classifier).on(samples).hasRecallAtLeast(10, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 10 is outside");
        assertThatThrownBy(() -> AuditAssertions.assertThat((Classifier) null).on(samples).hasAccuracyAtLeast(0.5))
                .hasMessageContaining("Expecting actual not to be null");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
