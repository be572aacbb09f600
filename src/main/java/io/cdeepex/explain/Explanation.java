package io.cdeepex.explain;

import io.cdeepex.data.PlantSpec;

import java.util.List;
import java.util.Map;

/**
 * The answer to "why did the classifier say {@code trueClass} and not {@code probeClass} for this image?".
 * Plain Java data (no native memory) so that assertions, reports and JSON can use it after the solver's
 * tensors are gone. Images are C*H*W arrays in classifier-input pixels, values 0..1.
 *
 * @param imageId         which image (dataset id or file), named in failure messages
 * @param method          how it was computed
 * @param trueClass       the class the classifier said (or the given label)
 * @param probeClass      the class asked about
 * @param channels        classifier input channels
 * @param height          classifier input height
 * @param width           classifier input width
 * @param input           the image the classifier saw
 * @param reconstruction  G(z0): the generator's inversion of the input (before residual correction)
 * @param probeSide       G(ze): the generated image at the solution (before residual correction)
 * @param probeSideCorrected G(ze) - dz0: what the classifier sees at the solution
 * @param difference      H*W map, G(ze) - G(z0) summed over channels: positive = must be added to
 *                        become the probe (red), negative = must be removed (blue)
 * @param before          class probabilities of the input
 * @param after           class probabilities at the solution (of {@code probeSideCorrected})
 * @param constraints     every constraint's final value and whether it holds (empty for map-only methods)
 * @param satisfied       whether all constraints hold
 * @param stop            why the solver stopped
 * @param latentDistance  ||ze - z0||
 * @param inversionError  mean squared error of G(z0) against the input, per pixel
 * @param iterations      solver iterations used (inner steps)
 * @param millis          wall time of the solve, amortised per question in a batch
 * @param trace           per-iteration probabilities (empty for the baseline methods)
 * @param modelEvaluations classifier passes spent on this question (forward and backward passes of one image
 *                        each count one; amortised per question in a batch) — the cost comparison's unit
 * @param mapsKept        baselines: how many contrastive weights gave a map that, imposed on the input, lowered
 *                        p(true) and raised p(probe) (0 = an empty answer); {@link #NOT_A_BASELINE} for the
 *                        generative methods
 * @param diagnostics     method-specific numbers by name (e.g. integrated gradients' completeness gap); may be empty
 * @see #builder(String, Method, int, int)
 */
public record Explanation(
        String imageId,
        Method method,
        int trueClass,
        int probeClass,
        int channels,
        int height,
        int width,
        float[] input,
        float[] reconstruction,
        float[] probeSide,
        float[] probeSideCorrected,
        float[] difference,
        float[] before,
        float[] after,
        List<Constraint> constraints,
        boolean satisfied,
        StopReason stop,
        double latentDistance,
        double inversionError,
        int iterations,
        long millis,
        Trace trace,
        long modelEvaluations,
        int mapsKept,
        Map<String, Double> diagnostics) {

    /** {@link #mapsKept()} of the generative methods, which keep no maps. */
    public static final int NOT_A_BASELINE = -1;

    public Explanation {
        diagnostics = diagnostics == null ? Map.of() : Map.copyOf(diagnostics);
    }

    /** An explanation of "why {@code trueClass}, not {@code probeClass}?" for one image, built by named parts. */
    public static Builder builder(String imageId, Method method, int trueClass, int probeClass) {
        return new Builder(imageId, method, trueClass, probeClass);
    }

    /**
     * Named parts of an explanation. Unset parts are what a method without them reports: no latent distance or
     * inversion error (NaN), no iterations, an empty trace, no constraints, {@link #NOT_A_BASELINE}, no diagnostics.
     */
    public static final class Builder {
        private final String imageId;
        private final Method method;
        private final int trueClass;
        private final int probeClass;
        private int channels, height, width;
        private float[] input, reconstruction, probeSide, probeSideCorrected, difference, before, after;
        private List<Constraint> constraints = List.of();
        private boolean satisfied;
        private StopReason stop;
        private double latentDistance = Double.NaN;
        private double inversionError = Double.NaN;
        private int iterations;
        private long millis;
        private Trace trace = Trace.empty();
        private long modelEvaluations;
        private int mapsKept = NOT_A_BASELINE;
        private Map<String, Double> diagnostics = Map.of();

        private Builder(String imageId, Method method, int trueClass, int probeClass) {
            this.imageId = imageId;
            this.method = method;
            this.trueClass = trueClass;
            this.probeClass = probeClass;
        }

        /** The image the classifier saw, C*H*W at its input size. */
        public Builder input(int c, int h, int w, float[] pixels) {
            channels = c;
            height = h;
            width = w;
            input = pixels;
            return this;
        }

        /** G(z0) (null for methods without a generator). */
        public Builder reconstruction(float[] v) { reconstruction = v; return this; }

        /** The image at the answer, before and after the residual correction, and G(ze) - G(z0) per pixel. */
        public Builder answer(float[] side, float[] corrected, float[] differenceMap) {
            probeSide = side;
            probeSideCorrected = corrected;
            difference = differenceMap;
            return this;
        }

        /** Class probabilities of the input and at the answer. */
        public Builder probabilities(float[] ofInput, float[] atAnswer) {
            before = ofInput;
            after = atAnswer;
            return this;
        }

        public Builder constraints(List<Constraint> v) { constraints = v; return this; }
        public Builder satisfied(boolean v, StopReason why) { satisfied = v; stop = why; return this; }

        /** The generative search: ||ze - z0||, the inversion's error, inner steps and the probability trace. */
        public Builder search(double distance, double inversionMse, int steps, Trace t) {
            latentDistance = distance;
            inversionError = inversionMse;
            iterations = steps;
            trace = t;
            return this;
        }

        /** Wall time and classifier passes, amortised per question of a batch. */
        public Builder cost(long wallMillis, long passes) {
            millis = wallMillis;
            modelEvaluations = passes;
            return this;
        }

        public Builder mapsKept(int v) { mapsKept = v; return this; }
        public Builder diagnostics(Map<String, Double> v) { diagnostics = v; return this; }

        public Explanation build() {
            return new Explanation(imageId, method, trueClass, probeClass, channels, height, width, input,
                    reconstruction, probeSide, probeSideCorrected, difference, before, after, constraints, satisfied,
                    stop, latentDistance, inversionError, iterations, millis, trace, modelEvaluations, mapsKept,
                    diagnostics);
        }
    }

    /** Largest probability at the solution among classes other than true and probe. */
    public double strongestOtherAfter() {
        double best = 0;
        for (int c = 0; c < after.length; c++) {
            if (c != trueClass && c != probeClass) best = Math.max(best, after[c]);
        }
        return best;
    }

    /** Whether true and probe are the two most likely classes at the solution. */
    public boolean trueAndProbeOnTop() {
        return strongestOtherAfter() < Math.min(after[trueClass], after[probeClass]);
    }

    /** The paper's Fig. 5 failure: a third class ends up more likely than both true and probe. */
    public boolean thirdClassWins() {
        return strongestOtherAfter() > Math.max(after[trueClass], after[probeClass]);
    }

    /** p(true) before minus p(true) after (positive: the solution moved away from the true class). */
    public double trueProbabilityDrop() {
        return before[trueClass] - after[trueClass];
    }

    /** p(probe) after minus p(probe) before. */
    public double probeProbabilityGain() {
        return after[probeClass] - before[probeClass];
    }

    /** Share of the red (positive, added) mass of {@link #difference} inside the region; 0 when there is none. */
    public double redMassFraction(Region region) {
        return massFraction(region, +1);
    }

    /** Share of the blue (negative, removed) mass of {@link #difference} that lies inside the region. */
    public double blueMassFraction(Region region) {
        return massFraction(region, -1);
    }

    private double massFraction(Region region, int sign) {
        return massFraction(difference, width, height, region, sign);
    }

    /** Share of a difference map's mass of one sign (+1 red, -1 blue) inside the region; 0 when there is none. */
    static double massFraction(float[] difference, int width, int height, Region region, int sign) {
        double inside = 0;
        double total = 0;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                double v = sign * difference[row * width + col];
                if (v > 0) {
                    total += v;
                    if (region.contains(col, row)) inside += v;
                }
            }
        }
        return total == 0 ? 0 : inside / total;
    }

    /**
     * Mean of {@link #difference} over the region's pixels: how much was added there per pixel (negative: removed).
     * Unlike the mass fractions it does not depend on what happens elsewhere in the image.
     */
    public double meanDifferenceInside(Region region) {
        if (!region.fitsIn(width, height)) {
            throw new IllegalArgumentException("region " + region + " does not fit the " + width + "x" + height
                    + " (width x height) classifier input of " + imageId);
        }
        return meanInside(difference, width, region);
    }

    /** Mean of a difference map over the region's pixels (the region must fit). */
    static double meanInside(float[] difference, int width, Region region) {
        double sum = 0;
        for (int row = region.y(); row < region.y() + region.height(); row++) {
            for (int col = region.x(); col < region.x() + region.width(); col++) {
                sum += difference[row * width + col];
            }
        }
        return sum / ((double) region.width() * region.height());
    }

    /**
     * Whether the explanation adds at least half of the planted artefact: its mean difference over the artefact's
     * pixels is at least half the artefact's value (on every channel, as the map sums the channels). A yes/no per
     * explanation that thin edges of shifted strokes elsewhere cannot dilute, unlike {@link #redMassFraction}.
     */
    public boolean addsArtefact(PlantSpec plant) {
        Region square = new Region(plant.x(), plant.y(), plant.size(), plant.size());
        return meanDifferenceInside(square) >= channels * plant.value() / 2.0;
    }

    /** Whether the largest red (sign +1) or blue (sign -1) value of the difference map lies inside the region. */
    public boolean maximumInside(Region region, int sign) {
        int best = -1;
        double bestValue = 0;
        for (int i = 0; i < difference.length; i++) {
            double v = sign * difference[i];
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best >= 0 && region.contains(best % width, best / width);
    }

    /** A one-line summary for logs and failure messages. */
    public String summary() {
        if (!method.generative()) {
            return String.format("%s %s: %d->%d p(true) %.3f->%.3f p(probe) %.3f->%.3f other %.3f answered=%s"
                            + " maps kept=%d passes=%d",
                    imageId, method.id(), trueClass, probeClass, before[trueClass], after[trueClass],
                    before[probeClass], after[probeClass], strongestOtherAfter(), satisfied, mapsKept,
                    modelEvaluations);
        }
        return String.format("%s %s: %d->%d p(true) %.3f->%.3f p(probe) %.3f->%.3f other %.3f satisfied=%s stop=%s"
                        + " |dz|=%.3f iter=%d",
                imageId, method.id(), trueClass, probeClass, before[trueClass], after[trueClass],
                before[probeClass], after[probeClass], strongestOtherAfter(), satisfied, stop, latentDistance,
                iterations);
    }
}
