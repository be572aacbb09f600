package io.cdeepex.explain.scan;

import io.cdeepex.explain.Region;

/**
 * A compact box whose added (or removed) mass is consistent across explained images of different true classes,
 * with the counterfactual check's outcome.
 *
 * @param probeClass     the class asked about ("why not k?")
 * @param sign           added (red) or removed (blue)
 * @param box            in classifier-input pixels
 * @param excessShare    share of the mean map's mass inside the box minus the box's share of the image area
 * @param consistency    mean over the box of the share of images in which the pixel changes above the threshold
 * @param supportClasses how many true classes' own mean maps concentrate in the box (share above area share)
 * @param explainedClasses how many true classes were explained for this probe
 * @param check          pasting the box's mean pattern onto clean images of other classes
 * @param score          the rank: see {@link FindingSearch#score}
 */
public record Finding(int probeClass, Sign sign, Region box, double excessShare, double consistency,
                      int supportClasses, int explainedClasses, CounterfactualCheck.Result check, double score) {
    /** Evidence from the maps alone, before the intervention. */
    public double evidence() {
        return excessShare * consistency * supportClasses / Math.max(1, explainedClasses);
    }
}
