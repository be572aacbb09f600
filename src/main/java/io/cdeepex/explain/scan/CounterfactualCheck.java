package io.cdeepex.explain.scan;

import ai.djl.Device;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.ClassifierPredictions;
import io.cdeepex.explain.Region;
import io.cdeepex.model.Classifier;

import java.util.HashSet;
import java.util.Set;

/**
 * The intervention behind a finding: paste the box's mean pattern onto clean images and count how many the
 * classifier then calls the probe class. The pattern is the aggregate map inside the box, scaled so that its peak
 * is 1 (the top of the 0..1 value range): added findings raise pixels by it (clipped at 1) in every channel,
 * removed findings lower them (clipped at 0). Outside the box the image is unchanged.
 */
public final class CounterfactualCheck {
    /**
     * @param images       clean images checked (true class not the probe, not among the explained images)
     * @param flipRate     share called the probe class after the paste
     * @param baseRate     share called the probe class without it
     * @param flippedClasses how many different true classes had at least one image flipped
     * @param checkedClasses how many different true classes were checked
     */
    public record Result(int images, double flipRate, double baseRate, int flippedClasses, int checkedClasses) {}

    private CounterfactualCheck() {}

    /** The images with the pattern pasted (same set shape, ids suffixed "+paste"). */
    public static ImageSet paste(ImageSet clean, float[] map, int mapWidth, Region box, Sign sign) {
        FoundArtefact pattern = new FoundArtefact(0, map, mapWidth, box, sign);
        int c = clean.channels();
        int h = clean.height();
        int w = clean.width();
        float[][] out = new float[clean.size()][];
        for (int i = 0; i < clean.size(); i++) out[i] = pattern.applyTo(clean.image(i), c, h, w);
        return clean.withPixels(c, h, w, out);
    }

    /**
     * Runs the check. {@code clean} must be at the classifier's input size; {@code trueClasses} gives each image's
     * class (label, or the prediction where unlabelled).
     */
    public static Result run(Classifier classifier, Device device, ImageSet clean, int[] trueClasses, float[] map,
                             Region box, Sign sign, int probe) {
        if (clean.size() == 0) return new Result(0, Double.NaN, Double.NaN, 0, 0);
        int[] before = ClassifierPredictions.predict(classifier, clean, device);
        int[] after = ClassifierPredictions.predict(classifier, paste(clean, map, clean.width(), box, sign), device);
        int flips = 0;
        int base = 0;
        Set<Integer> flipped = new HashSet<>();
        Set<Integer> checked = new HashSet<>();
        for (int i = 0; i < clean.size(); i++) {
            checked.add(trueClasses[i]);
            if (before[i] == probe) base++;
            if (after[i] == probe) {
                flips++;
                flipped.add(trueClasses[i]);
            }
        }
        return new Result(clean.size(), (double) flips / clean.size(), (double) base / clean.size(), flipped.size(),
                checked.size());
    }
}
