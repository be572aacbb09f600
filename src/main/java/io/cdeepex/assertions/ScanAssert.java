package io.cdeepex.assertions;

import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.metrics.Describe;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

/**
 * Assertions on a scan ({@link io.cdeepex.explain.scan.Scanner}): whether it found a shortcut, and where. A
 * finding is a shortcut when pasting what the explanations add there makes the classifier call the probe class on
 * at least the given share of clean images of other classes (its flip rate). Regions are in classifier-input
 * pixels.
 */
public class ScanAssert extends AbstractAssert<ScanAssert, ScanResult> {
    /** Flip rate from which {@link #hasNoShortcut()} counts a finding as a shortcut. */
    public static final double SHORTCUT_FLIP_RATE = 0.2;
    /** Flip rate {@link #findsShortcutIn(Region)} asks of the top finding. */
    public static final double FOUND_FLIP_RATE = 0.5;

    public ScanAssert(ScanResult actual) {
        super(actual, ScanAssert.class);
    }

    /** Every planned probe class finished (an interrupted scan holds only part of the answer). */
    public ScanAssert isComplete() {
        isNotNull();
        if (!actual.complete()) {
            failWithMessage("%s", "Expecting the scan of " + actual.classifier() + " to be complete, but only "
                    + actual.aggregates().size() + " of " + actual.probes().size() + " probe classes finished");
        }
        return myself;
    }

    /** No finding flips {@value #SHORTCUT_FLIP_RATE} or more of the clean images it was pasted on. */
    public ScanAssert hasNoShortcut() {
        return hasNoShortcut(SHORTCUT_FLIP_RATE);
    }

    /** No finding flips {@code maxFlipRate} or more of the clean images it was pasted on. */
    public ScanAssert hasNoShortcut(double maxFlipRate) {
        isNotNull();
        List<Finding> shortcuts = actual.findings().stream()
                .filter(f -> f.check().flipRate() >= maxFlipRate).toList();
        if (!shortcuts.isEmpty()) {
            failWithMessage("%s", "Expecting no finding of the scan of " + actual.classifier() + " to flip "
                    + Describe.num(maxFlipRate) + " or more of its clean images, but " + shortcuts.size() + " do:"
                    + Describe.list(shortcuts, ScanAssert::describe));
        }
        return myself;
    }

    /**
     * The scan's top finding overlaps the region and flips at least {@value #FOUND_FLIP_RATE} of the clean images
     * it was pasted on.
     */
    public ScanAssert findsShortcutIn(Region region) {
        return findsShortcutIn(region, FOUND_FLIP_RATE);
    }

    /** The scan's top finding overlaps the region and flips at least {@code minFlipRate} of its clean images. */
    public ScanAssert findsShortcutIn(Region region, double minFlipRate) {
        isNotNull();
        Finding top = actual.top();
        if (top == null) {
            failWithMessage("%s", "Expecting the scan of " + actual.classifier() + " to find a shortcut in " + region
                    + ", but it has no finding");
        } else if (!top.box().overlaps(region) || top.check().flipRate() < minFlipRate) {
            failWithMessage("%s", "Expecting the top finding of the scan of " + actual.classifier()
                    + " to overlap " + region + " with a flip rate of at least " + Describe.num(minFlipRate)
                    + ", but it is " + describe(top) + "; findings overlapping the region:"
                    + Describe.list(actual.findings().stream().filter(f -> f.box().overlaps(region)).toList(),
                            ScanAssert::describe));
        }
        return myself;
    }

    /**
     * The regression gate of a scan: every shortcut of this scan (flip rate at least {@value #SHORTCUT_FLIP_RATE})
     * was already a shortcut of the baseline's scan, for the same probe class and sign in an overlapping box. A
     * retrained classifier that learned a new shortcut fails; one that keeps or loses an old one passes.
     */
    public ScanAssert hasNoShortcutBeyond(ScanResult baseline) {
        isNotNull();
        List<Finding> old = baseline.findings().stream().filter(ScanAssert::isShortcut).toList();
        List<Finding> gained = actual.findings().stream().filter(ScanAssert::isShortcut)
                .filter(f -> old.stream().noneMatch(o -> o.probeClass() == f.probeClass() && o.sign() == f.sign()
                        && o.box().overlaps(f.box()))).toList();
        if (!gained.isEmpty()) {
            failWithMessage("%s", "Expecting the scan of " + actual.classifier() + " to have no shortcut that the "
                    + "baseline " + baseline.classifier() + " did not have, but it gained " + gained.size() + ":"
                    + Describe.list(gained, ScanAssert::describe));
        }
        return myself;
    }

    private static boolean isShortcut(Finding f) {
        return f.check().flipRate() >= SHORTCUT_FLIP_RATE;
    }

    private static String describe(Finding f) {
        return Describe.finding(f);
    }
}
