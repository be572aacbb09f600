package io.cdeepex.metrics;

import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.Finding;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The wording shared by every failure message (the AssertJ assertions and the YAML verdicts): numbers, explanation
 * names and capped lists of offending images; and the argument checks both faces make before measuring.
 */
public final class Describe {
    /** How many offending images a message lists before "... and N more". */
    public static final int MAX_LISTED = 10;

    private Describe() {}

    /** "{imageId} [{method}] {true}->{probe}". */
    public static String name(Explanation e) {
        return e.imageId() + " [" + e.method().id() + "] " + e.trueClass() + "->" + e.probeClass();
    }

    /**
     * "probe 8 added [x=0, y=0, 5x5] (score 0.0123, flip rate 0.650, 95 % interval 0.582-0.713, on 200 clean images,
     * base rate 0.000)".
     */
    public static String finding(Finding f) {
        double[] ci = f.check().flipRateInterval();
        return String.format(Locale.ROOT, "probe %d %s %s (score %.4f, flip rate %.3f, 95 %% interval %.3f-%.3f, on %d "
                + "clean images, base rate %.3f)", f.probeClass(), f.sign().name().toLowerCase(Locale.ROOT), f.box(),
                f.score(), f.check().flipRate(), ci[0], ci[1], f.check().images(), f.check().baseRate());
    }

    public static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** "p(true) 0.412 -> 0.301, p(probe) 0.120 -> 0.300, strongest other 0.150". */
    public static String probabilities(Explanation e) {
        return "p(" + e.trueClass() + ") " + num(e.before()[e.trueClass()]) + " -> " + num(e.after()[e.trueClass()])
                + ", p(" + e.probeClass() + ") " + num(e.before()[e.probeClass()]) + " -> "
                + num(e.after()[e.probeClass()]) + ", strongest other " + num(e.strongestOtherAfter());
    }

    /**
     * One line per offending item (at most {@link #MAX_LISTED}), then "... and N more"; e.g.
     * {@code "  - mnist-samples#3 [cdeepex] 3->8: red mass inside 0.120"}.
     */
    public static <T> String list(List<T> offenders, Function<T, String> line) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(MAX_LISTED, offenders.size());
        for (int i = 0; i < shown; i++) {
            sb.append(System.lineSeparator()).append("  - ").append(line.apply(offenders.get(i)));
        }
        if (offenders.size() > shown) {
            sb.append(System.lineSeparator()).append("  ... and ").append(offenders.size() - shown).append(" more");
        }
        return sb.toString();
    }

    /** @throws IllegalArgumentException when {@code value} is not in 0..1 */
    public static void checkFraction(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be a fraction in 0..1, got " + value);
        }
    }

    /** @throws IllegalArgumentException when the region is null or does not fit the explanation's input */
    public static void checkRegion(Region region, Explanation e) {
        if (region == null) throw new IllegalArgumentException("region must not be null");
        if (!region.fitsIn(e.width(), e.height())) {
            throw new IllegalArgumentException("region " + region + " does not fit the " + e.width() + "x"
                    + e.height() + " (width x height) classifier input of explanation " + name(e)
                    + "; regions are in classifier-input pixels");
        }
    }

    /** Column and row of the largest value of {@code sign * difference}, or null when nothing is positive. */
    public static int[] argMax(Explanation e, int sign) {
        int best = -1;
        double bestValue = 0;
        float[] d = e.difference();
        for (int i = 0; i < d.length; i++) {
            double v = sign * d[i];
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best < 0 ? null : new int[] {best % e.width(), best / e.width()};
    }
}
