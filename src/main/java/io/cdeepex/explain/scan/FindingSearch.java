package io.cdeepex.explain.scan;

import io.cdeepex.explain.Region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Searches an aggregate map for compact boxes that hold much more of the mass than their area would, and where the
 * change is consistent across images. Every square box from {@code minBox} up to {@code maxBoxFraction} of the
 * shorter side, at every position (summed-area tables make each box O(1)), is scored by
 * {@code excessShare * meanConsistency}; excess share (mass share minus area share) rather than a ratio, so a
 * single bright pixel does not beat a block that holds half of the mass. Boxes are taken greedily best first and a
 * box that overlaps one already taken is dropped (non-maximum suppression).
 */
public final class FindingSearch {
    /** A box before the counterfactual check. */
    public record Candidate(Region box, double excessShare, double consistency, int supportClasses,
                            int explainedClasses) {
        double boxScore() { return excessShare * consistency; }
    }

    private FindingSearch() {}

    public static List<Candidate> search(ProbeAggregate a, Sign sign, ScanSettings s) {
        int h = a.height();
        int w = a.width();
        double[] mass = integral(a.mean(sign), h, w);
        double[] cons = integral(a.consistency(sign), h, w);
        double total = sum(mass, w, 0, 0, h, w);
        List<Candidate> found = new ArrayList<>();
        if (!(total > 0)) return found;
        int maxSide = Math.max(s.minBox(), (int) Math.floor(Math.min(h, w) * s.maxBoxFraction()));
        List<double[]> boxes = new ArrayList<>();
        for (int side = s.minBox(); side <= Math.min(maxSide, Math.min(h, w)); side++) {
            double areaShare = (double) side * side / (h * w);
            for (int y = 0; y + side <= h; y++) {
                for (int x = 0; x + side <= w; x++) {
                    double excess = sum(mass, w, y, x, y + side, x + side) / total - areaShare;
                    if (excess < s.minExcessShare()) continue;
                    double c = sum(cons, w, y, x, y + side, x + side) / (side * side);
                    boxes.add(new double[] {excess * c, x, y, side, excess, c});
                }
            }
        }
        boxes.sort(Comparator.comparingDouble((double[] b) -> b[0]).reversed());
        List<Region> taken = new ArrayList<>();
        for (double[] b : boxes) {
            if (found.size() >= s.findingsPerProbe()) break;
            if (!(b[0] > 0)) break;
            Region r = new Region((int) b[1], (int) b[2], (int) b[3], (int) b[3]);
            if (taken.stream().anyMatch(t -> overlaps(t, r))) continue;
            taken.add(r);
            Map<Integer, float[]> perClass = a.byTrueClass(sign);
            found.add(new Candidate(r, b[4], b[5], support(perClass, r, h, w), perClass.size()));
        }
        return found;
    }

    /**
     * The rank of a finding: its map evidence times how much more often the classifier calls the probe class
     * with the paste than without. The flip lift is the intervention that tells a shortcut (the pattern alone
     * makes the class, on images of any class) from a salient fragment of the class's shape (it changes the class
     * of only some digits, or none); the evidence orders findings of equal lift and breaks the tie at zero lift.
     */
    public static double score(double evidence, CounterfactualCheck.Result check) {
        return evidence * Math.max(0, check.flipRate() - check.baseRate());
    }

    /** True classes whose own mean map puts a larger share of its mass in the box than the box's area share. */
    static int support(Map<Integer, float[]> perClass, Region r, int h, int w) {
        double areaShare = (double) r.width() * r.height() / (h * w);
        int n = 0;
        for (float[] m : perClass.values()) {
            double in = 0;
            double all = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    all += m[y * w + x];
                    if (r.contains(x, y)) in += m[y * w + x];
                }
            }
            if (all > 0 && in / all > 2 * areaShare) n++;
        }
        return n;
    }

    static boolean overlaps(Region a, Region b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    private static double[] integral(float[] m, int h, int w) {
        double[] s = new double[(h + 1) * (w + 1)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                s[(y + 1) * (w + 1) + x + 1] = m[y * w + x] + s[y * (w + 1) + x + 1] + s[(y + 1) * (w + 1) + x]
                        - s[y * (w + 1) + x];
            }
        }
        return s;
    }

    private static double sum(double[] s, int w, int y0, int x0, int y1, int x1) {
        int W = w + 1;
        return s[y1 * W + x1] - s[y0 * W + x1] - s[y1 * W + x0] + s[y0 * W + x0];
    }
}
