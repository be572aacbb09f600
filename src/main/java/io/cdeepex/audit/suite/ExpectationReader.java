package io.cdeepex.audit.suite;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Region;
import io.cdeepex.metrics.Metric;
import io.cdeepex.text.DidYouMean;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a case's expectations: the metric, its one parameter, the bounds, and for regression gates tolerance,
 * minImprovement and direction. Once the case's runs are known, {@link #resolve} checks regions, classes and plants
 * against each run's classifier and samples, and takes a missing plant from a classifier's card.
 */
final class ExpectationReader {
    private final Problems problems;
    /** The suite's named regions ({@code regions:}), filled before any case is read. */
    private final Map<String, Region> namedRegions;

    ExpectationReader(Problems problems, Map<String, Region> namedRegions) {
        this.problems = problems;
        this.namedRegions = namedRegions;
    }

    /** An expectation read but not yet checked against the runs, with its fields for positions. */
    record Draft(Expectation expectation, Fields fields) {}

    Draft read(YamlNode node, String path, boolean gate) {
        Fields e = Fields.of(node, path, problems, "an expectation");
        if (e == null) return null;
        e.allowOnly(SuiteLoader.EXPECT_KEYS, "an expectation");
        String id = e.requiredString("metric", "one of " + String.join(", ", Metric.ids()));
        if (id == null) return null;
        Metric metric = Metric.byId(id).orElse(null);
        if (metric == null) {
            e.problem("metric", "unknown metric '" + id + "'; "
                    + DidYouMean.suggest(id, Metric.ids()).map(s -> "did you mean '" + s + "'? ").orElse("")
                    + "expected one of: " + String.join(", ", Metric.ids()));
            return null;
        }
        for (Metric.Parameter p : Metric.Parameter.values()) {
            if (p.key() != null && p != metric.parameter() && e.has(p.key())) {
                e.problem(p.key(), "does not apply to metric " + id + (metric.parameter().key() == null
                        ? "; expected no parameter" : "; expected '" + metric.parameter().key() + "'"));
            }
        }
        Region region = null;
        if (metric.parameter() == Metric.Parameter.REGION) {
            e.require("region", "{x, y, width, height} in classifier-input pixels, or the name of one under 'regions'");
            region = e.node("region") instanceof YamlNode.Mapping || !e.has("region")
                    ? read(e.mapping("region", "a region {x, y, width, height}")) : named(e);
        }
        Integer cls = null;
        if (metric.parameter() == Metric.Parameter.CLASS) {
            e.require("class", "a class index");
            cls = e.integer("class", 0, 9999);
        }
        PlantSpec plant = metric.parameter() == Metric.Parameter.PLANT ? e.plant("plant") : null;
        Double minShift = metric.parameter() == Metric.Parameter.MIN_SHIFT ? e.number("minShift", 0, 1) : null;
        Double atLeast = e.number("atLeast", 0, 1);
        Double atMost = e.number("atMost", 0, 1);
        if (atLeast != null && atMost != null && atLeast > atMost) {
            e.problem("atMost", "is below atLeast (" + atLeast + " > " + atMost + "); expected atLeast <= atMost");
        }
        Double tolerance = e.number("tolerance", 0, 1);
        Double minImprovement = e.number("minImprovement", 0, 1);
        Boolean higher = null;
        if (e.has("better")) {
            String b = e.string("better");
            if ("higher".equals(b) || "lower".equals(b)) higher = "higher".equals(b);
            else if (b != null) e.problem("better", "expected 'higher' or 'lower', got '" + b + "'");
        }
        if (!gate) {
            for (String key : List.of("tolerance", "minImprovement", "better")) {
                if (e.has(key)) e.problem(key, "applies only to regression gates; expected it in a case with"
                        + " 'baseline' and 'candidate'");
            }
            if (atLeast == null && atMost == null && !e.has("atLeast") && !e.has("atMost")) {
                e.problem(null, "no bound for " + id + "; expected atLeast and/or atMost (0..1)");
            }
        } else if (tolerance != null && minImprovement != null) {
            e.problem("minImprovement", "given together with tolerance; expected one of them (tolerance: the"
                    + " candidate may be worse by at most this much; minImprovement: it must be better by at least"
                    + " this much)");
        }
        if (minImprovement != null && minImprovement == 0) {
            e.problem("minImprovement", "is 0; expected a positive improvement (or tolerance: 0 for 'no worse')");
        }
        Expectation x = new Expectation(metric, e.position(), path, region, cls, plant,
                minShift == null ? 0 : minShift, atLeast, atMost,
                gate && minImprovement == null ? (tolerance == null ? 0.0 : tolerance) : null,
                minImprovement, higher == null ? metric.higherIsBetter() : higher);
        return new Draft(x, e);
    }

    /** A region written by name: one of the suite's {@code regions}. */
    private Region named(Fields e) {
        String name = e.string("region");
        if (name == null) return null;
        Region r = namedRegions.get(name);
        if (r == null) {
            e.problem("region", DidYouMean.unknownName("region", name, namedRegions.keySet(), "regions",
                    "an inline mapping {x, y, width, height}"));
        }
        return r;
    }

    /** A region {x, y, width, height} in classifier-input pixels, or null after reporting what is wrong. */
    static Region read(Fields r) {
        if (r == null) return null;
        r.allowOnly(SuiteLoader.REGION_KEYS, "a region");
        for (String k : List.of("x", "y", "width", "height")) r.require(k, "an integer number of pixels");
        Integer x = r.integer("x", 0, 100_000);
        Integer y = r.integer("y", 0, 100_000);
        Integer w = r.integer("width", 1, 100_000);
        Integer h = r.integer("height", 1, 100_000);
        if (x == null || y == null || w == null || h == null) return null;
        return new Region(x, y, w, h);
    }

    /** Checks an expectation against the runs' classifiers and samples; fills in the plant from a card. */
    Expectation resolve(Draft d, List<RunConfig> runs) {
        Expectation x = d.expectation();
        Fields e = d.fields();
        PlantSpec plant = x.plant();
        if (x.metric().parameter() == Metric.Parameter.PLANT && plant == null && !e.has("plant")) {
            for (int i = runs.size() - 1; i >= 0 && plant == null; i--) {
                String spec = runs.get(i).classifier().card().plant;
                if (spec != null) {
                    try {
                        plant = PlantSpec.parse(spec);
                    } catch (IllegalArgumentException ex) {
                        e.problem(null, runs.get(i).classifier().cardFile() + ": field 'plant': " + ex.getMessage());
                        return null;
                    }
                }
            }
            if (plant == null) {
                e.problem(null, x.metric().id() + " needs a plant: expected 'plant' (e.g."
                        + " square:class=8,x=0,y=0,size=6,value=0.5) or a 'plant' field in the classifier's card");
                return null;
            }
        }
        for (RunConfig run : runs) {
            ModelRef cl = run.classifier();
            if (x.region() != null && !x.region().fitsIn(cl.width(), cl.height())) {
                e.problem("region", "region " + x.region() + " lies outside " + cl.name() + "'s " + cl.height() + "x"
                        + cl.width() + " input (inputShape " + cl.card().inputShape + " in " + cl.cardFile()
                        + "); expected x + width <= " + cl.width() + " and y + height <= " + cl.height()
                        + " (regions use classifier-input pixels)");
            }
            if (x.classIndex() != null) {
                int c = x.classIndex();
                if (c >= cl.classes()) {
                    e.problem("class", "class " + c + " is outside " + cl.name() + "'s classes; expected 0.."
                            + (cl.classes() - 1) + " (classNames in " + cl.cardFile() + ")");
                } else if (Arrays.stream(run.samples().images().labels()).noneMatch(l -> l == c)) {
                    e.problem("class", "sample set " + run.samples().name() + " has no images of class " + c
                            + "; expected a sample set that includes it");
                }
            }
            if (plant != null && x.metric() == Metric.ARTEFACT_ADDED_RATE) {
                checkPlant(e.problems(), plant, cl, e.has("plant") ? e.at("plant") : e.position(), e.path("plant"),
                        false);
            }
            if (plant != null && x.metric() == Metric.PLANTED_RATE) {
                checkPlant(e.problems(), plant, cl, e.has("plant") ? e.at("plant") : e.position(), e.path("plant"),
                        true);
                int target = plant.targetClass().orElse(-1);
                if (Arrays.stream(run.samples().images().labels()).allMatch(l -> l == target)) {
                    e.problem(null, "sample set " + run.samples().name() + " has no images outside the plant's class "
                            + target + "; the planted rate needs images of other classes");
                }
            }
        }
        return new Expectation(x.metric(), x.position(), x.field(), x.region(), x.classIndex(), plant, x.minShift(),
                x.atLeast(), x.atMost(), x.tolerance(), x.minImprovement(), x.higherIsBetter());
    }

    /** A plant must fit the classifier's input, name one of its classes, and name one at all where a rate needs it. */
    static void checkPlant(Problems problems, PlantSpec plant, ModelRef cl, Position at, String field,
                           boolean needsClass) {
        if (!Region.covering(plant).fitsIn(cl.width(), cl.height())) {
            problems.add(at, field, "plant " + plant + " does not fit " + cl.name() + "'s " + cl.height() + "x"
                    + cl.width() + " input (inputShape in " + cl.cardFile() + "); expected x + size <= " + cl.width()
                    + " and y + size <= " + cl.height() + " (plants use classifier-input pixels)");
        }
        if (plant.targetClass().isPresent() && plant.targetClass().getAsInt() >= cl.classes()) {
            problems.add(at, field, "plant class " + plant.targetClass().getAsInt() + " is outside " + cl.name()
                    + "'s classes; expected 0.." + (cl.classes() - 1));
        }
        if (needsClass && plant.targetClass().isEmpty()) {
            problems.add(at, field, "plant " + plant + " names no class; the planted rate needs class=N");
        }
    }
}
