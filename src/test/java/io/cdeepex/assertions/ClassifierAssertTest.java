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

/**
 * Classifier assertions over evaluations of the tiny TorchScript classifier on the committed 500 MNIST samples:
 * each passes at the evaluated value and fails beyond it, listing the images on the wrong side.
 */
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
    static ClassifierEvaluation plain;

    @BeforeAll
    static void measure() {
        measured = ClassifierEvaluation.run(classifier, samples, PlantSpec.parse(SQUARE), Device.cpu());
        plain = ClassifierEvaluation.run(classifier, samples, Device.cpu());
    }

    @Test
    void imagesOfOtherClassesAreRefusedUnlessTheirClassNamesAreIgnored() {
        assertThatThrownBy(() -> ClassifierEvaluation.run(classifier, clothes, Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fashion-samples's classes [T-shirt/top, Trouser,")
                .hasMessageContaining("tiny-cnn's classNames [0, 1, 2,")
                .hasMessageContaining("ImageSet.withoutClassNames() (@AuditSamples(ignoreClassNames = true)");

        assertThat(ClassifierEvaluation.run(classifier, relabelledClothes, Device.cpu()).count()).isEqualTo(20);
        assertThat(relabelledClothes.classNames()).isEmpty();
    }

    @Test
    void accuracyPassesAtTheMeasuredValueAndFailsAboveItListingMisclassifiedImages() {
        double accuracy = plain.accuracy();
        assertThat(accuracy).as("fixture: tiny-cnn is decent but not perfect").isBetween(0.8, 0.98);
        long wrong = Math.round((1 - accuracy) * samples.size());

        AuditAssertions.assertThat(plain).hasAccuracyAtLeast(accuracy);
        assertThatThrownBy(() -> AuditAssertions.assertThat(plain).hasAccuracyAtLeast(0.99))
                .hasMessageContaining("Expecting at least 99.0% of 500 images of mnist-samples to be labelled correctly"
                        + " by classifier tiny-cnn, but " + (500 - wrong) + " (" + percent(accuracy)
                        + ") did (threshold 0.990). Misclassified (" + wrong + "):")
                .hasMessageContaining("  - mnist-samples#").hasMessageContaining(", predicted ")
                .hasMessageEndingWith("... and " + (wrong - 10) + " more");
    }

    @Test
    void recallBoundsNameTheImagesOnTheWrongSide() {
        double recall3 = plain.recall(3);
        assertThat(recall3).as("fixture: class 3 is tiny-cnn's weakest").isBetween(0.3, 0.9);
        int threes = (int) java.util.Arrays.stream(samples.labels()).filter(l -> l == 3).count();
        int recognised = plain.confusion()[3][3];

        AuditAssertions.assertThat(plain).hasRecallAtLeast(3, recall3).hasRecallAtMost(3, recall3)
                .hasRecallAtLeast(0, 0.9);
        assertThatThrownBy(() -> AuditAssertions.assertThat(plain).hasRecallAtLeast(3, 0.95))
                .hasMessageContaining("Expecting at least 95.0% of " + threes + " class 3 images of mnist-samples to be"
                        + " recognised as class 3 by classifier tiny-cnn, but " + recognised + " (" + percent(recall3)
                        + ") did (threshold 0.950). Not recognised (" + (threes - recognised) + "):")
                .hasMessageContaining(": predicted ");
        assertThatThrownBy(() -> AuditAssertions.assertThat(plain).hasRecallAtMost(3, 0.1))
                .hasMessageContaining("Expecting at most 10.0% of " + threes + " class 3 images")
                .hasMessageContaining("Recognised (" + recognised + "):").hasMessageContaining(": predicted 3");
    }

    @Test
    void aCleanClassifierIgnoresThePlantedSquare() {
        double rate = measured.plantedRate();
        assertThat(rate).as("fixture: tiny-cnn never saw the square").isLessThan(0.05);
        int others = samples.size() - (int) java.util.Arrays.stream(samples.labels()).filter(l -> l == 8).count();

        AuditAssertions.assertThat(measured).hasPlantedRateAtMost(0.05);
        assertThatThrownBy(() -> AuditAssertions.assertThat(measured).hasPlantedRateAtLeast(0.7))
                .hasMessageContaining("Expecting at least 70.0% of " + others + " other classes' images of"
                        + " mnist-samples to be turned into class 8 by the artefact " + SQUARE
                        + " (classifier tiny-cnn), but ")
                .hasMessageContaining("(threshold 0.700). Not turned (")
                .hasMessageContaining(", predicted ").hasMessageContaining(" with the artefact");
    }

    @Test
    void misuseIsReportedBeforeMeasuring() {
        assertThatThrownBy(() -> AuditAssertions.assertThat(plain).hasPlantedRateAtLeast(0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no plant: evaluate with ClassifierEvaluation.run(classifier, images,"
                        + " plant,");
        assertThatThrownBy(() -> AuditAssertions.assertThat(plain).hasRecallAtLeast(10, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 10 is outside");
        assertThatThrownBy(() -> AuditAssertions.assertThat(plain).hasAccuracyAtLeast(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction in 0..1, got 1.5");
        assertThatThrownBy(() -> AuditAssertions.assertThat((ClassifierEvaluation) null).hasAccuracyAtLeast(0.5))
                .hasMessageContaining("Expecting actual not to be null");
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
