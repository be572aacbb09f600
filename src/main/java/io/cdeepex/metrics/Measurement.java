package io.cdeepex.metrics;

import java.util.Comparator;
import java.util.List;

import static io.cdeepex.metrics.Describe.num;
import static io.cdeepex.metrics.Describe.percent;

/**
 * A metric measured over items (explanations or images): the value, each item's reading, and for a bound the
 * verdict and the failure message that lists the items on the wrong side of it. The AssertJ assertions fail with
 * {@link #failure}; the YAML verdicts add it under the case's line.
 *
 * @param population what the items are, e.g. "explanations", "images of mnist-samples"
 * @param phrase     for a rate what a counted item does ("satisfy all constraints"), for a mean what is averaged
 * @param counted    how the value was counted, for reports: " (3 of 16)", " (500 images)", or empty
 */
public record Measurement(Measure measure, String population, String phrase, double value, List<Reading> readings,
                          String counted) {

    /**
     * One item's reading.
     *
     * @param subject the item: "mnist-samples#3 [cdeepex] 3->8", "mnist-samples#3"
     * @param value   1 or 0 for a rate (counted or not), the number for a mean
     * @param detail  the numbers that explain the reading, e.g. "predicted 5 (five)"
     */
    public record Reading(String subject, double value, String detail) {
        /** "{subject}: {detail}", the offender line of messages. */
        public String line() {
            return subject + ": " + detail;
        }
    }

    public Measurement {
        readings = List.copyOf(readings);
    }

    /** How many items were read. */
    public int size() {
        return readings.size();
    }

    /** How many items a rate counts (readings of 1). */
    public int yesCount() {
        return yesCount(readings);
    }

    static int yesCount(List<Reading> readings) {
        return (int) readings.stream().filter(r -> r.value() == 1).count();
    }

    /** Whether the value meets an {@code atLeast} ({@code lowerBound}) or {@code atMost} bound. */
    public boolean holds(boolean lowerBound, double bound) {
        return lowerBound ? Comparison.atLeast(value, bound) : Comparison.atMost(value, bound);
    }

    /**
     * The items that pull the value to the wrong side of the bound: for a rate the items not counted (below an
     * atLeast) or counted (above an atMost); for a mean the items beyond the bound, worst first.
     */
    public List<Reading> offenders(boolean lowerBound, double bound) {
        if (measure.metric().isRate()) {
            double wrong = lowerBound ? 0 : 1;
            return readings.stream().filter(r -> r.value() == wrong).toList();
        }
        Comparator<Reading> worstFirst = Comparator.comparingDouble(Reading::value);
        return readings.stream()
                .filter(r -> lowerBound ? !Comparison.atLeast(r.value(), bound) : !Comparison.atMost(r.value(), bound))
                .sorted(lowerBound ? worstFirst : worstFirst.reversed()).toList();
    }

    /**
     * The message of a failed bound: what was expected, what was measured, the threshold, and the offenders (the
     * first {@value Describe#MAX_LISTED}, then how many more).
     */
    public String failure(boolean lowerBound, double bound) {
        String side = lowerBound ? "at least " : "at most ";
        List<Reading> offenders = offenders(lowerBound, bound);
        String list = " (" + offenders.size() + "):" + Describe.list(offenders, Reading::line);
        Metric.Definition d = measure.metric().definition();
        if (measure.metric().isRate()) {
            return "Expecting " + side + percent(bound) + " of " + size() + " " + population + " to " + phrase
                    + ", but " + yesCount() + " (" + percent(value) + ") did (threshold " + num(bound) + "). "
                    + (lowerBound ? d.no() : d.yes()) + list;
        }
        return "Expecting the mean " + phrase + " over " + size() + " " + population + " to be " + side + num(bound)
                + ", but it was " + num(value) + " (threshold " + num(bound) + "). "
                + (lowerBound ? "Below the threshold, lowest first" : "Above the threshold, highest first") + list;
    }
}
