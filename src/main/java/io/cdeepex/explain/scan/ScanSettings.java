package io.cdeepex.explain.scan;

import java.util.List;

/**
 * How a scan runs.
 *
 * @param probes          probe classes to ask "why not k?" about; empty = every class of the classifier
 * @param imagesPerProbe  explained images per probe class (predicted class not k, spread over the other classes)
 * @param checkImages     clean images per finding for the counterfactual check (not among the explained ones)
 * @param batch           questions solved together
 * @param seed            picks the images
 * @param addThreshold    a pixel counts as added (removed) in one image when its difference exceeds this
 * @param minBox          smallest box side searched, in classifier-input pixels
 * @param maxBoxFraction  largest box side as a fraction of the shorter image side
 * @param minExcessShare  a box is a "broad" candidate when its share of the map's mass exceeds its share of the
 *                        area by at least this much (keeps noise out)
 * @param minMassShare    a box is a "concentrated" candidate when it holds at least this share of the mass ...
 * @param minLift         ... at least this many times its area share
 * @param candidatesPerProbe boxes of each kind (broad, concentrated) per probe class and sign that get the
 *                        counterfactual check
 * @param findingsPerProbe at most this many findings per probe class and sign, best score first
 * @param minInversionAgreement the share of sample images whose G(z0) keeps the classifier's label below which the
 *                        scan refuses to start (the generator cannot invert these images)
 */
public record ScanSettings(List<Integer> probes, int imagesPerProbe, int checkImages, int batch, long seed,
                           double addThreshold, int minBox, double maxBoxFraction, double minExcessShare,
                           double minMassShare, double minLift, int candidatesPerProbe, int findingsPerProbe,
                           double minInversionAgreement) {
    public ScanSettings {
        probes = List.copyOf(probes);
        if (imagesPerProbe < 1) {
            throw new IllegalArgumentException("images per probe must be >= 1, got " + imagesPerProbe);
        }
        if (checkImages < 1) throw new IllegalArgumentException("check images must be >= 1, got " + checkImages);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (minBox < 1) throw new IllegalArgumentException("min box must be >= 1, got " + minBox);
        if (candidatesPerProbe < 1) {
            throw new IllegalArgumentException("candidates per probe must be >= 1, got " + candidatesPerProbe);
        }
        if (!(maxBoxFraction > 0 && maxBoxFraction <= 1)) {
            throw new IllegalArgumentException("max box fraction must be in (0, 1], got " + maxBoxFraction);
        }
    }

    /** Default explained images per probe. */
    public static final int DEFAULT_IMAGES_PER_PROBE = 8;
    /** Default check images per candidate box: a flip rate near 0.2 is then known to about +-0.06 (95 %). */
    public static final int DEFAULT_CHECK_IMAGES = 200;
    /** Default questions solved together. */
    public static final int DEFAULT_BATCH = 8;

    /** Defaults sized for a CPU; pastes are cheap next to explanations, so the check gets many more images. */
    public static ScanSettings defaults() {
        return new ScanSettings(List.of(), DEFAULT_IMAGES_PER_PROBE, DEFAULT_CHECK_IMAGES, DEFAULT_BATCH, 0, 0.05, 2,
                0.25, 0.05, 0.005, 3, 8, 3, 0.5);
    }

    public ScanSettings withProbes(List<Integer> p) {
        return new ScanSettings(p, imagesPerProbe, checkImages, batch, seed, addThreshold, minBox, maxBoxFraction,
                minExcessShare, minMassShare, minLift, candidatesPerProbe, findingsPerProbe, minInversionAgreement);
    }

    public ScanSettings withImages(int explained, int check) {
        return new ScanSettings(probes, explained, check, batch, seed, addThreshold, minBox, maxBoxFraction,
                minExcessShare, minMassShare, minLift, candidatesPerProbe, findingsPerProbe, minInversionAgreement);
    }

    public ScanSettings withBatch(int b, long s) {
        return new ScanSettings(probes, imagesPerProbe, checkImages, b, s, addThreshold, minBox, maxBoxFraction,
                minExcessShare, minMassShare, minLift, candidatesPerProbe, findingsPerProbe, minInversionAgreement);
    }
}
