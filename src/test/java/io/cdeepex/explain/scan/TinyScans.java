package io.cdeepex.explain.scan;

import java.util.List;

/** Scan settings that run in seconds on the tiny test models, for tests of the scan's bookkeeping. */
public final class TinyScans {
    private TinyScans() {}

    /** Two explained images per probe, eight check images, and no inversion bar (the tiny generator is untrained). */
    public static ScanSettings settings(List<Integer> probes) {
        ScanSettings d = ScanSettings.defaults();
        return new ScanSettings(probes, 2, 8, 2, 0, d.addThreshold(), d.minBox(), d.maxBoxFraction(),
                d.minExcessShare(), d.minMassShare(), d.minLift(), 2, d.findingsPerProbe(), 0.0);
    }
}
