package io.cdeepex.metrics;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ScanResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A metric with its argument (the region, class, plant or minimum shift it is about), ready to be measured over
 * explanations or read from a classifier evaluation.
 *
 * @param region     for region metrics, in classifier-input pixels
 * @param classIndex for {@code recall}
 * @param plant      for {@code artefactAddedRate} and {@code plantedRate}
 * @param minShift   for {@code probabilityMovedRate}
 */
public record Measure(Metric metric, Region region, Integer classIndex, PlantSpec plant, double minShift) {

    public Measure {
        if (metric == null) throw new IllegalArgumentException("metric must not be null");
    }

    /** @throws IllegalArgumentException when the metric's argument is missing or out of range */
    private void checkArgument() {
        switch (metric.parameter()) {
            case REGION -> require(region != null, "a region");
            case CLASS -> require(classIndex != null, "a class");
            case PLANT -> require(plant != null, "a plant");
            case MIN_SHIFT -> Describe.checkFraction(minShift, metric.id() + ": minShift");
            case NONE -> { }
        }
    }

    /** A metric without an argument. */
    public static Measure of(Metric metric) {
        return new Measure(metric, null, null, null, 0);
    }

    public static Measure inRegion(Metric metric, Region region) {
        return new Measure(metric, region, null, null, 0);
    }

    public static Measure ofClass(Metric metric, int classIndex) {
        return new Measure(metric, null, classIndex, null, 0);
    }

    public static Measure ofPlant(Metric metric, PlantSpec plant) {
        return new Measure(metric, null, null, plant, 0);
    }

    public static Measure withMinShift(Metric metric, double minShift) {
        return new Measure(metric, null, null, null, minShift);
    }

    /** The metric with its argument: "redMassFraction in [x=0, y=0, 8x8]", "recall of class 8". */
    public String describe() {
        return switch (metric.parameter()) {
            case REGION -> metric.id() + " in " + region;
            case CLASS -> metric.id() + " of class " + classIndex;
            case PLANT -> metric.id() + " of " + plant;
            case MIN_SHIFT -> metric.id() + (minShift > 0 ? " (minShift " + minShift + ")" : "");
            case NONE -> metric.id();
        };
    }

    /** The plant's square as a region. */
    Region square() {
        return Region.covering(plant);
    }

    /**
     * The metric's value for one explanation: 1 or 0 for a rate (whether the explanation counts), the number for
     * a mean.
     *
     * @throws IllegalArgumentException for a classifier metric, or a region or plant that does not fit
     */
    public double valueOf(Explanation e) {
        Metric.Definition d = explanationDefinition();
        check(e);
        return d.value().applyAsDouble(e, this);
    }

    /** The line naming the explanation and its number, as failure messages list offenders. */
    public String offenderLine(Explanation e) {
        check(e);
        return Describe.name(e) + ": " + explanationDefinition().detail().apply(e, this);
    }

    /**
     * The metric over the explanations: the share that count (a rate) or the mean (NaN for none), with every
     * explanation's reading.
     *
     * @throws IllegalArgumentException for a classifier metric, or a region or plant that does not fit
     */
    public Measurement over(List<? extends Explanation> explanations) {
        Metric.Definition d = explanationDefinition();
        List<Measurement.Reading> readings = new ArrayList<>();
        for (Explanation e : explanations) {
            check(e);
            readings.add(new Measurement.Reading(Describe.name(e), d.value().applyAsDouble(e, this),
                    d.detail().apply(e, this)));
        }
        int yes = Measurement.yesCount(readings);
        double value = readings.isEmpty() ? Double.NaN : d.rate() ? (double) yes / readings.size()
                : readings.stream().mapToDouble(Measurement.Reading::value).average().orElseThrow();
        String counted = d.rate() ? " (" + yes + " of " + readings.size() + ")" : "";
        return new Measurement(this, "explanations", d.phrase().apply(this), value, readings, counted);
    }

    /**
     * The classifier metric as the evaluation measured it, with a reading per image it counts (the images, the
     * class's images, or the other classes' images with the artefact planted).
     *
     * @throws IllegalArgumentException for an explanation metric, a class outside the classifier's, or a planted
     *                                  rate of an evaluation made without that plant
     */
    public Measurement over(ClassifierEvaluation ev) {
        if (metric.source() != Metric.Source.CLASSIFIER) {
            throw new IllegalArgumentException(metric.id() + " is an explanation metric, not a classifier metric");
        }
        checkArgument();
        ClassifierEvaluation.Predictions p = ev.predictions();
        List<Measurement.Reading> readings = new ArrayList<>();
        String counted = " (" + ev.count() + " images)";
        String by = " by classifier " + ev.classifier();
        switch (metric) {
            case ACCURACY -> {
                for (int i = 0; i < p.ids().size(); i++) {
                    readings.add(new Measurement.Reading(p.ids().get(i), p.labels()[i] == p.predicted()[i] ? 1 : 0,
                            "label " + ev.label(p.labels()[i]) + ", predicted " + ev.label(p.predicted()[i])));
                }
                return new Measurement(this, "images of " + ev.dataset(), "be labelled correctly" + by,
                        ev.accuracy(), readings, counted);
            }
            case RECALL -> {
                int c = classIndex;
                if (c < 0 || c >= ev.recall().length) {
                    throw new IllegalArgumentException("class " + c + " is outside classifier " + ev.classifier()
                            + "'s " + ev.recall().length + " classes (0.." + (ev.recall().length - 1) + ")");
                }
                for (int i = 0; i < p.ids().size(); i++) {
                    if (p.labels()[i] != c) continue;
                    readings.add(new Measurement.Reading(p.ids().get(i), p.predicted()[i] == c ? 1 : 0,
                            "predicted " + ev.label(p.predicted()[i])));
                }
                return new Measurement(this, "class " + ev.label(c) + " images of " + ev.dataset(),
                        "be recognised as class " + ev.label(c) + by, ev.recall(c), readings, counted);
            }
            case PLANTED_RATE -> {
                if (p.plant() == null || !p.plant().equals(plant)) {
                    throw new IllegalArgumentException("the evaluation of " + ev.classifier() + " on " + ev.dataset()
                            + (p.plant() == null ? " has no plant" : " planted " + p.plant() + ", not " + plant)
                            + "; evaluate with ClassifierEvaluation.run(classifier, images, plant, device)");
                }
                int target = plant.targetClass().getAsInt();
                for (int i = 0, k = 0; i < p.ids().size(); i++) {
                    if (p.labels()[i] == target) continue;
                    int predicted = p.plantedPredicted()[k++];
                    readings.add(new Measurement.Reading(p.ids().get(i), predicted == target ? 1 : 0, "label "
                            + ev.label(p.labels()[i]) + ", predicted " + ev.label(predicted) + " with the artefact"));
                }
                return new Measurement(this, "other classes' images of " + ev.dataset(), "be turned into class "
                        + ev.label(target) + " by the artefact " + plant + " (classifier " + ev.classifier() + ")",
                        ev.plantedRate(), readings, counted);
            }
            default -> throw new IllegalStateException(metric.id());
        }
    }

    /**
     * The scan metric over a scan: {@code scanFindsShortcutIn} is the flip rate of the best-ranked finding whose box
     * overlaps the region, {@code scanMaxFlipRate} the largest flip rate of any finding (0 when there is no such
     * finding). The finding it comes from is named in {@link Measurement#counted()}, so a verdict names the probe,
     * box and flip rate.
     *
     * @throws IllegalArgumentException for a metric that is not a scan metric, or a region the scan's maps lack
     */
    public Measurement over(ScanResult scan) {
        if (metric.source() != Metric.Source.SCAN) {
            throw new IllegalArgumentException(metric.id() + " is not a scan metric");
        }
        checkArgument();
        List<Finding> findings = scan.findings();
        Finding chosen = switch (metric) {
            case SCAN_FINDS_SHORTCUT_IN -> findings.stream().filter(f -> f.box().overlaps(region)).findFirst()
                    .orElse(null);
            case SCAN_MAX_FLIP_RATE -> findings.stream()
                    .max(Comparator.comparingDouble(f -> f.check().flipRate())).orElse(null);
            default -> throw new IllegalStateException(metric.id());
        };
        boolean inRegion = metric == Metric.SCAN_FINDS_SHORTCUT_IN;
        String of = "of " + findings.size() + " over probes " + scan.probes();
        String counted = chosen == null
                ? " (" + (inRegion ? "no finding overlaps the region, " + of : "no finding over probes "
                        + scan.probes()) + ")"
                : " (" + (inRegion ? "the best-ranked finding overlapping the region, "
                        : "the finding with the largest flip rate, ") + of + ": " + Describe.finding(chosen) + ")";
        return new Measurement(this, "findings of the scan of " + scan.classifier(), metric.meaning(),
                chosen == null ? 0 : chosen.check().flipRate(), List.of(), counted);
    }

    private Metric.Definition explanationDefinition() {
        checkArgument();
        if (metric.source() != Metric.Source.EXPLANATIONS) {
            throw new IllegalArgumentException(metric.id() + " is a classifier metric, not an explanation metric;"
                    + " read it from a ClassifierEvaluation");
        }
        return metric.definition();
    }

    private void check(Explanation e) {
        if (region != null) Describe.checkRegion(region, e);
        if (plant != null) Describe.checkRegion(square(), e);
    }

    private void require(boolean present, String what) {
        if (!present) throw new IllegalArgumentException(metric.id() + " needs " + what);
    }
}
