package io.cdeepex.cli;

import io.cdeepex.data.ClassNames;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.ImageTransforms;
import io.cdeepex.model.Classifier;

/**
 * What {@code evaluate} and {@code explain} check when a classifier meets the user's images, before any work: the
 * dataset's class names against the card's (overridden by {@code --ignore-class-names}), the channel layout, and a
 * warning when the resize to the classifier's input stretches the images.
 */
final class DatasetChecks {
    static final String IGNORE_OPTION = "--ignore-class-names";

    private DatasetChecks() {}

    /**
     * The set as the command should use it (without class names when they are ignored on purpose).
     *
     * @throws IllegalArgumentException when the class names or the channels do not fit the classifier
     */
    static ImageSet forClassifier(ImageSet set, Classifier classifier, boolean ignoreClassNames) {
        String names = ClassNames.mismatch(set, classifier.name(), classifier.classNames());
        if (names != null && !ignoreClassNames) {
            throw new IllegalArgumentException(names + ". If you relabelled the data on purpose, so that its labels"
                    + " are " + classifier.name() + "'s classes, pass " + IGNORE_OPTION);
        }
        if (names != null) {
            System.err.println("note: " + IGNORE_OPTION + ": " + set.name() + "'s labels are scored as "
                    + classifier.name() + "'s classes " + classifier.classNames());
            set = set.withoutClassNames();
        }
        String channels = set.channelMismatch(classifier.inputShape().get(0), classifier.name());
        if (channels != null) throw new IllegalArgumentException(channels);
        String stretch = ImageTransforms.stretchWarning(set, (int) classifier.inputShape().get(1),
                (int) classifier.inputShape().get(2), classifier.name());
        if (stretch != null) System.err.println(stretch);
        return set;
    }
}
