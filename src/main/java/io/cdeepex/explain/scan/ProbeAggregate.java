package io.cdeepex.explain.scan;

import java.util.Map;

/**
 * The explanations of one probe class summed up, H*W maps in classifier-input pixels.
 *
 * @param probeClass   the class asked about
 * @param height       map height
 * @param width        map width
 * @param images       explanations aggregated
 * @param satisfied    of them, how many met their constraints
 * @param meanRed      mean of max(difference, 0)
 * @param meanBlue     mean of max(-difference, 0)
 * @param consistency  share of images whose difference exceeds the threshold at the pixel (added)
 * @param removedConsistency share of images whose difference is below minus the threshold (removed)
 * @param redByTrueClass  mean red map per true class of the explained images
 * @param blueByTrueClass mean blue map per true class
 */
public record ProbeAggregate(int probeClass, int height, int width, int images, int satisfied, float[] meanRed,
                             float[] meanBlue, float[] consistency, float[] removedConsistency,
                             Map<Integer, float[]> redByTrueClass, Map<Integer, float[]> blueByTrueClass) {
    public ProbeAggregate {
        redByTrueClass = Map.copyOf(redByTrueClass);
        blueByTrueClass = Map.copyOf(blueByTrueClass);
    }

    public float[] mean(Sign sign) { return sign == Sign.ADDED ? meanRed : meanBlue; }

    public float[] consistency(Sign sign) { return sign == Sign.ADDED ? consistency : removedConsistency; }

    public Map<Integer, float[]> byTrueClass(Sign sign) {
        return sign == Sign.ADDED ? redByTrueClass : blueByTrueClass;
    }
}
