package io.cdeepex.explain.scan;

import io.cdeepex.explain.Artefact;
import io.cdeepex.explain.Region;

import java.util.OptionalInt;

/**
 * What a scan's finding says the explanations add (or remove) in its box, pasted onto an image (clipped to 0..1) as
 * one of three patterns: the probe's mean map there scaled so that its peak is a full pixel, or the mask of the
 * pixels where the mean map reaches half (or a quarter) of its peak, set to the top (added) or the bottom (removed)
 * of the value range. The mean of many explanations blurs a sharp artefact, and a classifier that learned the sharp
 * one may not take the blur; the mask restores its edges. A generator that draws the artefact blurred spreads it
 * beyond the half-peak line, so the half mask is smaller than what the classifier learned; the quarter mask reaches
 * its edge. The counterfactual check pastes all three onto clean images; as an {@link Artefact} it gives the
 * {@code artefactPathStarts} search start an artefact nobody named.
 */
public record FoundArtefact(int probeClass, float[] map, int mapWidth, Region box, Sign sign, Pattern pattern)
        implements Artefact {
    /** How the box's mean map becomes pixels. */
    public enum Pattern {
        /** The mean map scaled so that its peak is a full pixel. */
        MEAN(0f),
        /** Full pixels where the mean map reaches half its peak. */
        MASK(0.5f),
        /** Full pixels where the mean map reaches a quarter of its peak. */
        WIDE_MASK(0.25f);

        private final float level;

        Pattern(float level) { this.level = level; }

        /** Share of the peak a pixel must reach to be set; 0 for the scaled mean. */
        public float level() { return level; }
    }

    public FoundArtefact {
        if (pattern == null) pattern = Pattern.MEAN;
    }

    /** The scaled mean pattern. */
    public FoundArtefact(int probeClass, float[] map, int mapWidth, Region box, Sign sign) {
        this(probeClass, map, mapWidth, box, sign, Pattern.MEAN);
    }

    /** The same finding pasted as another pattern. */
    public FoundArtefact as(Pattern other) {
        return new FoundArtefact(probeClass, map, mapWidth, box, sign, other);
    }

    /** The artefact of a finding, from the mean map of its probe's aggregate. */
    public static FoundArtefact of(Finding f, ProbeAggregate a) {
        if (a.probeClass() != f.probeClass()) {
            throw new IllegalArgumentException("finding of probe " + f.probeClass() + " with the aggregate of probe "
                    + a.probeClass());
        }
        return new FoundArtefact(f.probeClass(), a.mean(f.sign()), a.width(), f.box(), f.sign(), f.check().pattern());
    }

    @Override
    public OptionalInt targetClass() { return OptionalInt.of(probeClass); }

    @Override
    public float[] applyTo(float[] image, int channels, int height, int width) {
        if (width != mapWidth || !box.fitsIn(width, height)) {
            throw new IllegalArgumentException("the finding's map is " + mapWidth + " pixels wide with box " + box
                    + "; the image is " + height + "x" + width);
        }
        float peak = 0;
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) peak = Math.max(peak, map[y * mapWidth + x]);
        }
        float scale = peak > 0 ? 1f / peak : 0f;
        float[] img = image.clone();
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                float v = pattern == Pattern.MEAN ? map[y * mapWidth + x] * scale
                        : peak > 0 && map[y * mapWidth + x] >= peak * pattern.level() ? 1f : 0f;
                for (int ch = 0; ch < channels; ch++) {
                    int k = (ch * height + y) * width + x;
                    img[k] = sign == Sign.ADDED ? Math.min(1f, img[k] + v) : Math.max(0f, img[k] - v);
                }
            }
        }
        return img;
    }

    @Override
    public String describe() {
        return "the scan's finding for probe " + probeClass + " (" + sign.name().toLowerCase(java.util.Locale.ROOT)
                + " " + box + ", " + pattern.name().toLowerCase(java.util.Locale.ROOT) + " pattern)";
    }
}
