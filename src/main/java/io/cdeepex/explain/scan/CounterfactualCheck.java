package io.cdeepex.explain.scan;

import ai.djl.Device;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.ClassifierPredictions;
import io.cdeepex.explain.Region;
import io.cdeepex.model.Classifier;

import java.util.HashSet;
import java.util.Set;

/**
 * The intervention behind a finding: paste what the explanations add (or remove) in the box onto clean images and
 * count how many the classifier then calls the probe class. Each {@link FoundArtefact.Pattern} of the box's mean
 * map is tried: added findings raise pixels by it (clipped at 1) in every channel, removed findings lower them
 * (clipped at 0). Outside the box the image is unchanged.
 */
public final class CounterfactualCheck {
    /**
     * @param images       clean images checked (true class not the probe, not among the explained images)
     * @param flipRate     share called the probe class after the paste
     * @param baseRate     share called the probe class without it
     * @param flippedClasses how many different true classes had at least one image flipped
     * @param checkedClasses how many different true classes were checked
     * @param pattern      the pasted pattern that flipped most (the first in {@link FoundArtefact.Pattern} order
     *                     on a tie)
     */
    public record Result(int images, double flipRate, double baseRate, int flippedClasses, int checkedClasses,
                         FoundArtefact.Pattern pattern) {
        public Result {
            if (pattern == null) pattern = FoundArtefact.Pattern.MEAN;
        }

        /** How many of the checked images the paste turned into the probe class. */
        public int flips() {
            return (int) Math.round(flipRate * images);
        }

        /**
         * The 95 % Wilson score interval of the flip rate, {low, high}: the rates that this many checked images cannot
         * tell apart from the measured one (NaN when nothing was checked).
         */
        public double[] flipRateInterval() {
            if (images == 0) return new double[] {Double.NaN, Double.NaN};
            double z2 = Z95 * Z95;
            double n = images;
            double p = flips() / n;
            double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
            double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
            return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
        }

        /** A check of the scaled mean pattern. */
        public Result(int images, double flipRate, double baseRate, int flippedClasses, int checkedClasses) {
            this(images, flipRate, baseRate, flippedClasses, checkedClasses, FoundArtefact.Pattern.MEAN);
        }
    }

    /** The standard normal quantile of a two-sided 95 % interval. */
    private static final double Z95 = 1.959964;

    private CounterfactualCheck() {}

    /** The images with the pattern pasted (same set shape, ids suffixed "+paste"). */
    public static ImageSet paste(ImageSet clean, float[] map, int mapWidth, Region box, Sign sign) {
        return paste(clean, new FoundArtefact(0, map, mapWidth, box, sign));
    }

    /** The images with the artefact pasted (same set shape). */
    public static ImageSet paste(ImageSet clean, FoundArtefact pattern) {
        int c = clean.channels();
        int h = clean.height();
        int w = clean.width();
        float[][] out = new float[clean.size()][];
        for (int i = 0; i < clean.size(); i++) out[i] = pattern.applyTo(clean.image(i), c, h, w);
        return clean.withPixels(c, h, w, out);
    }

    /**
     * Runs the check with every pattern ({@link FoundArtefact.Pattern}) and reports the one that flips more.
     * {@code clean} must be at the classifier's input size; {@code trueClasses} gives each image's class (label, or
     * the prediction where unlabelled).
     */
    public static Result run(Classifier classifier, Device device, ImageSet clean, int[] trueClasses, float[] map,
                             Region box, Sign sign, int probe) {
        if (clean.size() == 0) return new Result(0, Double.NaN, Double.NaN, 0, 0);
        return run(classifier, device, clean, ClassifierPredictions.predict(classifier, clean, device), trueClasses,
                map, box, sign, probe);
    }

    /**
     * The same with the classifier's decisions on the clean images already made ({@code before}, one per image), for
     * callers that check many boxes on one set.
     */
    public static Result run(Classifier classifier, Device device, ImageSet clean, int[] before, int[] trueClasses,
                             float[] map, Region box, Sign sign, int probe) {
        if (clean.size() == 0) return new Result(0, Double.NaN, Double.NaN, 0, 0);
        if (before.length != clean.size()) {
            throw new IllegalArgumentException(before.length + " decisions for " + clean.size() + " clean images");
        }
        FoundArtefact mean = new FoundArtefact(probe, map, clean.width(), box, sign);
        Result best = null;
        for (FoundArtefact.Pattern form : FoundArtefact.Pattern.values()) {
            FoundArtefact pattern = mean.as(form);
            int[] after = ClassifierPredictions.predict(classifier, paste(clean, pattern), device);
            Result r = count(before, after, trueClasses, probe, pattern.pattern());
            if (best == null || r.flipRate() > best.flipRate()) best = r;
        }
        return best;
    }

    private static Result count(int[] before, int[] after, int[] trueClasses, int probe,
                                FoundArtefact.Pattern pattern) {
        int flips = 0;
        int base = 0;
        Set<Integer> flipped = new HashSet<>();
        Set<Integer> checked = new HashSet<>();
        for (int i = 0; i < before.length; i++) {
            checked.add(trueClasses[i]);
            if (before[i] == probe) base++;
            if (after[i] == probe) {
                flips++;
                flipped.add(trueClasses[i]);
            }
        }
        return new Result(before.length, (double) flips / before.length, (double) base / before.length,
                flipped.size(), checked.size(), pattern);
    }
}
