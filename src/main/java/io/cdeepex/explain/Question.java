package io.cdeepex.explain;

import io.cdeepex.data.ImageSet;

/**
 * "Why did the classifier say {@code trueClass} and not {@code probeClass} for this image?"
 *
 * @param imageId    names the image in results and failure messages
 * @param image      C*H*W pixels in 0..1 (any size: the explainer resizes to the classifier's input)
 * @param trueClass  the class to explain, or {@link #PREDICTED} for the classifier's top class
 * @param probeClass the class asked about, or {@link #SECOND} for the classifier's second most likely class
 */
public record Question(String imageId, float[] image, int channels, int height, int width, int trueClass,
                       int probeClass) {
    /** Use the classifier's top class as the true class. */
    public static final int PREDICTED = -1;
    /** Use the classifier's second most likely class as the probe (the paper's setting). */
    public static final int SECOND = -1;

    /** Image {@code i} of the set, true class = predicted, probe = second most likely. */
    public static Question of(ImageSet set, int i) {
        return of(set, i, PREDICTED, SECOND);
    }

    public static Question of(ImageSet set, int i, int trueClass, int probeClass) {
        return new Question(set.id(i), set.image(i), set.channels(), set.height(), set.width(), trueClass, probeClass);
    }

    /** The same image with another probe class. */
    public Question withProbe(int probe) {
        return new Question(imageId, image, channels, height, width, trueClass, probe);
    }
}
