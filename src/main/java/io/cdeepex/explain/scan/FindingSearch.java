package io.cdeepex.explain.scan;

import io.cdeepex.explain.Region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Searches an aggregate map for compact boxes where the change is consistent across images, as candidates for the
 * counterfactual check. Every square box from {@code minBox} up to {@code maxBoxFraction} of the shorter side, at
 * every position (summed-area tables make each box O(1)), is measured twice:
 * <ul>
 *   <li><b>broad</b>: {@code excessShare * meanConsistency}, with excess share = mass share minus area share, so
 *       that a block holding half of the mass beats a single bright pixel;</li>
 *   <li><b>concentrated</b>: for boxes holding at least {@code minMassShare} of the mass at {@code minLift} times
 *       their area share, the mean inside minus the mean of the ring around the box (half a side wide, clipped at
 *       the image border), times {@code meanConsistency}: a centre-surround blob measure. A shortcut is often a
 *       few pixels: its mass share is small next to the class's shape, which the explanations also redraw, so
 *       the broad measure alone ranks it below boxes over the digit's middle; and a piece of a large blob has a
 *       ring as dense as itself, so the ring keeps such pieces from filling the candidate list.</li>
 * </ul>
 * Each ranking is taken greedily best first, dropping boxes that overlap one already taken (non-maximum
 * suppression), up to {@code candidatesPerProbe} boxes each. A concentrated box whose paste flips any image is
 * checked once more grown by a pixel on every side ({@link #grown}). Which candidates are shortcuts is then the
 * intervention's call ({@link #score}), not the maps'.
 */
public final class FindingSearch {
    /**
     * A box before the counterfactual check.
     *
     * @param concentrated taken by the centre-surround measure (a box that {@link #grown} may widen)
     */
    public record Candidate(Region box, double excessShare, double consistency, int supportClasses,
                            int explainedClasses, boolean concentrated) {}

    private FindingSearch() {}

    public static List<Candidate> search(ProbeAggregate a, Sign sign, ScanSettings s) {
        int h = a.height();
        int w = a.width();
        double[] mass = integral(a.mean(sign), h, w);
        double[] cons = integral(a.consistency(sign), h, w);
        double total = sum(mass, w, 0, 0, h, w);
        if (!(total > 0)) return List.of();
        int maxSide = maxSide(h, w, s);
        List<Box> broad = new ArrayList<>();
        List<Box> concentrated = new ArrayList<>();
        for (int side = s.minBox(); side <= Math.min(maxSide, Math.min(h, w)); side++) {
            double areaShare = (double) side * side / (h * w);
            for (int y = 0; y + side <= h; y++) {
                for (int x = 0; x + side <= w; x++) {
                    double share = sum(mass, w, y, x, y + side, x + side) / total;
                    double excess = share - areaShare;
                    double lift = share / areaShare;
                    boolean isBroad = excess >= s.minExcessShare();
                    boolean isConcentrated = share >= s.minMassShare() && lift >= s.minLift();
                    if (!isBroad && !isConcentrated) continue;
                    double c = sum(cons, w, y, x, y + side, x + side) / (side * side);
                    Region r = new Region(x, y, side, side);
                    if (isBroad) broad.add(new Box(r, excess * c, excess, c));
                    if (isConcentrated) concentrated.add(new Box(r, contrast(mass, h, w, r) * c, excess, c));
                }
            }
        }
        Map<Integer, float[]> perClass = a.byTrueClass(sign);
        List<Region> taken = new ArrayList<>();
        List<Candidate> found = new ArrayList<>();
        for (List<Box> ranking : List.of(broad, concentrated)) {
            for (Box b : nonOverlapping(ranking, s.candidatesPerProbe())) {
                if (taken.stream().anyMatch(t -> t.equals(b.region))) continue;
                taken.add(b.region);
                found.add(new Candidate(b.region, b.excess, b.consistency, support(perClass, b.region, h, w),
                        perClass.size(), ranking == concentrated));
            }
        }
        return found;
    }

    /**
     * A concentrated candidate's box one pixel larger on every side (moved inwards at the image border, at most
     * the largest side searched), measured on the same maps, or empty where it cannot grow. The generator draws a
     * small artefact blurred, and the centre-surround measure then prefers a box over its core; the grown box's
     * check pastes the rim as well. The two overlap, so {@link #best} reports one of them.
     */
    public static Optional<Candidate> grown(ProbeAggregate a, Sign sign, Candidate c, ScanSettings s) {
        int h = a.height();
        int w = a.width();
        Region r = grown(c.box(), h, w, maxSide(h, w, s));
        if (r.equals(c.box())) return Optional.empty();
        double[] mass = integral(a.mean(sign), h, w);
        double[] cons = integral(a.consistency(sign), h, w);
        double total = sum(mass, w, 0, 0, h, w);
        double area = r.width() * r.height();
        double excess = sum(mass, w, r) / total - area / (h * w);
        double consistency = sum(cons, w, r) / area;
        return Optional.of(new Candidate(r, excess, consistency, support(a.byTrueClass(sign), r, h, w),
                c.explainedClasses(), false));
    }

    /** The largest box side searched: {@code maxBoxFraction} of the shorter side, at least {@code minBox}. */
    private static int maxSide(int h, int w, ScanSettings s) {
        return Math.max(s.minBox(), (int) Math.floor(Math.min(h, w) * s.maxBoxFraction()));
    }

    static Region grown(Region r, int h, int w, int maxSide) {
        int side = Math.min(Math.min(r.width() + 2, maxSide), Math.min(h, w));
        int x = Math.max(0, Math.min(r.x() - (side - r.width()) / 2, w - side));
        int y = Math.max(0, Math.min(r.y() - (side - r.height()) / 2, h - side));
        return new Region(x, y, side, side);
    }

    private record Box(Region region, double rank, double excess, double consistency) {}

    private static List<Box> nonOverlapping(List<Box> boxes, int limit) {
        boxes.sort(Comparator.comparingDouble(Box::rank).reversed());
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            if (out.size() >= limit || !(b.rank > 0)) break;
            if (out.stream().noneMatch(t -> t.region.overlaps(b.region))) out.add(b);
        }
        return out;
    }

    /**
     * The rank of a finding: how much more often the classifier calls the probe class with the paste than
     * without, times how consistently the explanations add the box and the share of explained classes whose own
     * maps concentrate there. The flip lift is the intervention that tells a shortcut (the pattern alone makes
     * the class, on images of any class) from a salient fragment of the class's shape (it changes the class of
     * only some digits, or none); the map terms keep a box that flips only by accident, added by few
     * explanations, below one the explanations agree on.
     */
    public static double score(Candidate c, CounterfactualCheck.Result check) {
        double lift = Math.max(0, check.flipRate() - check.baseRate());
        return lift * c.consistency() * c.supportClasses() / Math.max(1, c.explainedClasses());
    }

    /**
     * The findings to report of one probe class and sign: best score first (then map evidence), none overlapping
     * a better one, at most {@code limit}.
     */
    public static List<Finding> best(List<Finding> checked, int limit) {
        List<Finding> sorted = new ArrayList<>(checked);
        sorted.sort(ScanResult.RANKING);
        List<Finding> out = new ArrayList<>();
        for (Finding f : sorted) {
            if (out.size() >= limit) break;
            if (out.stream().noneMatch(t -> t.box().overlaps(f.box()))) out.add(f);
        }
        return out;
    }

    /** Mean map value inside the box minus the mean over the ring around it (0 when there is no ring). */
    static double contrast(double[] mass, int h, int w, Region r) {
        int m = Math.max(1, r.width() / 2);
        int x0 = Math.max(0, r.x() - m);
        int y0 = Math.max(0, r.y() - m);
        int x1 = Math.min(w, r.x() + r.width() + m);
        int y1 = Math.min(h, r.y() + r.height() + m);
        double inside = sum(mass, w, r);
        int insideArea = r.width() * r.height();
        int ringArea = (x1 - x0) * (y1 - y0) - insideArea;
        if (ringArea == 0) return 0;
        double ring = sum(mass, w, y0, x0, y1, x1) - inside;
        return inside / insideArea - ring / ringArea;
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

    private static double sum(double[] s, int w, Region r) {
        return sum(s, w, r.y(), r.x(), r.y() + r.height(), r.x() + r.width());
    }

    private static double sum(double[] s, int w, int y0, int x0, int y1, int x1) {
        int W = w + 1;
        return s[y1 * W + x1] - s[y0 * W + x1] - s[y1 * W + x0] + s[y0 * W + x0];
    }
}
