package io.cdeepex.assertions;

import ai.djl.Device;
import io.cdeepex.data.ClassNames;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.DeviceChoice;
import org.assertj.core.api.AbstractAssert;

import java.util.ArrayList;
import java.util.List;

import static io.cdeepex.assertions.Describe.num;
import static io.cdeepex.assertions.Describe.percent;

/**
 * Assertions on a classifier's behaviour on a labelled set (accuracy, per-class recall) and on the same set with an
 * artefact planted (the planted rate: the share of other classes' images the artefact turns into its class), measured
 * with {@link ClassifierEvaluation}. Choose the images with {@link #on}; the numbers are measured once per set and plant.
 *
 * <pre>
 * assertThat(biased).on(samples).hasRecallAtMost(8, 0.10)
 *         .withPlant("square:class=8,x=0,y=0,size=6,value=0.5").hasPlantedRateAtLeast(0.70);
 * </pre>
 */
public class ClassifierAssert extends AbstractAssert<ClassifierAssert, Classifier> {
    private ImageSet set;
    private Device device;
    private PlantSpec plant;
    private ClassifierEvaluation evaluation;
    private int[] predictions;

    public ClassifierAssert(Classifier actual) {
        super(actual, ClassifierAssert.class);
    }

    /** Measures on these images, on the device that {@link DeviceChoice#resolve()} names (where the models run by default). */
    public ClassifierAssert on(ImageSet images) {
        return on(images, null);
    }

    /**
     * Measures on these images on the given device (the one the classifier was loaded on).
     *
     * @throws IllegalArgumentException when the images' dataset names other classes than the classifier's card
     */
    public ClassifierAssert on(ImageSet images, Device onDevice) {
        if (images == null) throw new IllegalArgumentException("images must not be null");
        isNotNull();
        String names = ClassNames.mismatch(images, actual.name(), actual.classNames());
        if (names != null) {
            throw new IllegalArgumentException(names + ". If the data is relabelled on purpose, so that its labels are "
                    + actual.name() + "'s classes, use @AuditSamples(ignoreClassNames = true) or"
                    + " ImageSet.withoutClassNames()");
        }
        this.set = images;
        this.device = onDevice;
        this.evaluation = null;
        this.predictions = null;
        return myself;
    }

    /** Also measures the planted rate of this artefact (a {@link PlantSpec} text with {@code class=N}). */
    public ClassifierAssert withPlant(String spec) {
        return withPlant(PlantSpec.parse(spec));
    }

    public ClassifierAssert withPlant(PlantSpec spec) {
        if (spec == null || spec.targetClass().isEmpty()) {
            throw new IllegalArgumentException("plant '" + spec + "' names no class: the planted rate needs class=N");
        }
        this.plant = spec;
        this.evaluation = null;
        return myself;
    }

    /** The measured numbers (measuring now if needed). */
    public ClassifierEvaluation evaluation() {
        isNotNull();
        if (set == null) {
            throw new IllegalStateException("no images to measure on: call on(ImageSet) before the metric assertions");
        }
        if (evaluation == null) {
            evaluation = ClassifierEvaluation.run(actual, set, plant, device());
        }
        return evaluation;
    }

    public ClassifierAssert hasAccuracyAtLeast(double min) {
        Describe.checkFraction(min, "minimum accuracy");
        double accuracy = evaluation().accuracy();
        if (accuracy < min) {
            List<String> wrong = new ArrayList<>();
            int[] p = predictions();
            for (int i = 0; i < set.size(); i++) {
                if (p[i] != set.label(i)) wrong.add(set.id(i) + ": label " + label(set.label(i)) + ", predicted " + label(p[i]));
            }
            failWithMessage("%s", "Expecting classifier " + actual.name() + " to have accuracy at least " + num(min) + " on "
                    + set.name() + " (" + set.size() + " images), but it was " + num(accuracy) + " (threshold " + num(min)
                    + "). Misclassified (" + wrong.size() + "):" + Describe.list(wrong, s -> s));
        }
        return myself;
    }

    public ClassifierAssert hasRecallAtLeast(int cls, double min) {
        checkClass(cls);
        Describe.checkFraction(min, "minimum recall");
        double recall = evaluation().recall(cls);
        if (!(recall >= min)) {
            List<String> missed = imagesOf(cls, false);
            failWithMessage("%s", "Expecting classifier " + actual.name() + " to recognise at least " + percent(min)
                    + " of the class " + label(cls) + " images of " + set.name() + ", but its recall was " + num(recall)
                    + " (threshold " + num(min) + "). Not recognised (" + missed.size() + "):" + Describe.list(missed, s -> s));
        }
        return myself;
    }

    public ClassifierAssert hasRecallAtMost(int cls, double max) {
        checkClass(cls);
        Describe.checkFraction(max, "maximum recall");
        double recall = evaluation().recall(cls);
        if (!(recall <= max)) {
            List<String> recognised = imagesOf(cls, true);
            failWithMessage("%s", "Expecting classifier " + actual.name() + " to recognise at most " + percent(max)
                    + " of the class " + label(cls) + " images of " + set.name() + ", but its recall was " + num(recall)
                    + " (threshold " + num(max) + "). Recognised (" + recognised.size() + "):"
                    + Describe.list(recognised, s -> s));
        }
        return myself;
    }

    /** At least {@code min} of the other classes' images become the plant's class when the artefact is added. */
    public ClassifierAssert hasPlantedRateAtLeast(double min) {
        Describe.checkFraction(min, "minimum planted rate");
        double rate = plantedRate();
        if (!(rate >= min)) {
            List<String> resisted = plantedOutcomes(false);
            failWithMessage("%s", "Expecting the artefact " + plant + " to turn at least " + percent(min)
                    + " of the other classes' images of " + set.name() + " into class " + label(target())
                    + " for classifier " + actual.name() + ", but the planted rate was " + num(rate) + " (threshold "
                    + num(min) + "). Not turned (" + resisted.size() + "):" + Describe.list(resisted, s -> s));
        }
        return myself;
    }

    /** At most {@code max} of the other classes' images become the plant's class (a classifier that ignores the artefact). */
    public ClassifierAssert hasPlantedRateAtMost(double max) {
        Describe.checkFraction(max, "maximum planted rate");
        double rate = plantedRate();
        if (!(rate <= max)) {
            List<String> turned = plantedOutcomes(true);
            failWithMessage("%s", "Expecting the artefact " + plant + " to turn at most " + percent(max)
                    + " of the other classes' images of " + set.name() + " into class " + label(target())
                    + " for classifier " + actual.name() + ", but the planted rate was " + num(rate) + " (threshold "
                    + num(max) + "). Turned (" + turned.size() + "):" + Describe.list(turned, s -> s));
        }
        return myself;
    }

    private double plantedRate() {
        if (plant == null) {
            throw new IllegalStateException("no artefact: call withPlant(spec) before the planted-rate assertions");
        }
        return evaluation().plantedRate();
    }

    private int target() {
        return plant.targetClass().getAsInt();
    }

    private Device device() {
        if (device == null) device = DeviceChoice.resolve();
        return device;
    }

    private int[] predictions() {
        if (predictions == null) predictions = ClassifierEvaluation.predict(actual, set, device());
        return predictions;
    }

    /** Ids of the class's images that were ({@code recognised}) or were not recognised, with the prediction. */
    private List<String> imagesOf(int cls, boolean recognised) {
        int[] p = predictions();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (set.label(i) == cls && (p[i] == cls) == recognised) {
                out.add(set.id(i) + ": predicted " + label(p[i]));
            }
        }
        return out;
    }

    /** Ids of the other classes' images that the artefact did ({@code turned}) or did not turn into the target. */
    private List<String> plantedOutcomes(boolean turned) {
        int target = target();
        int[] others = java.util.stream.IntStream.range(0, set.size()).filter(i -> set.label(i) != target).toArray();
        ImageSet planted = plant.applyToAll(atInputSize(set.subset(others)));
        int[] p = ClassifierEvaluation.predict(actual, planted, device());
        List<String> out = new ArrayList<>();
        for (int k = 0; k < others.length; k++) {
            if ((p[k] == target) == turned) {
                out.add(planted.id(k) + ": label " + label(planted.label(k)) + ", predicted " + label(p[k]) + " with the artefact");
            }
        }
        return out;
    }

    /** The set at the classifier's input size, as ClassifierEvaluation plants on it (plant coordinates are input pixels). */
    private ImageSet atInputSize(ImageSet images) {
        int h = (int) actual.inputShape().get(1);
        int w = (int) actual.inputShape().get(2);
        return images.height() == h && images.width() == w ? images : io.cdeepex.data.ImageTransforms.resize(images, h, w);
    }

    private void checkClass(int cls) {
        isNotNull();
        if (cls < 0 || cls >= actual.numClasses()) {
            throw new IllegalArgumentException("class " + cls + " is outside classifier " + actual.name() + "'s "
                    + actual.numClasses() + " classes (0.." + (actual.numClasses() - 1) + ")");
        }
    }

    private String label(int c) {
        List<String> names = actual.classNames();
        String name = c >= 0 && c < names.size() ? names.get(c) : String.valueOf(c);
        return name.equals(String.valueOf(c)) ? name : c + " (" + name + ")";
    }
}
