package io.cdeepex.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One solver setting as users name it: in a suite's {@code solver:} mapping, as a configuration parameter
 * {@code cdeepex.solver.<name>}, in the docs' settings table. The catalog {@link #all()} is the one list of names,
 * types and ranges; {@link SolverSettings} checks every value against it, {@link SolverSettingsBinder} binds
 * named values through it.
 *
 * @param name  the user-facing name, e.g. {@code inversionSteps}
 * @param type  what a value must be
 * @param range the allowed values of a number, e.g. {@code >= 0}; {@link Range#ANY} for booleans and the method
 */
public record SolverSetting(String name, Type type, Range range, Function<SolverSettings, Object> reader,
                            BiConsumer<SolverSettings.Builder, Object> writer) {

    /** The kinds of value a setting takes, with what a wrong one is told was expected. */
    public enum Type {
        INTEGER("an integer"), LONG("an integer"), NUMBER("a number"), BOOLEAN("true or false"),
        METHOD("one of " + Method.ids()), SELECTION("one of " + AnswerSelection.ids());

        private final String expected;

        Type(String expected) { this.expected = expected; }

        public String expected() { return expected; }
    }

    /** An interval of numbers, open or closed at each end, shown as users read it ({@code >= 0}, {@code in (0, 1]}). */
    public record Range(double min, boolean minOpen, double max, boolean maxOpen) {
        static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

        static Range atLeast(double min) { return new Range(min, false, Double.POSITIVE_INFINITY, false); }
        static Range above(double min) { return new Range(min, true, Double.POSITIVE_INFINITY, false); }

        public boolean contains(double v) {
            return (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
        }

        @Override
        public String toString() {
            if (max == Double.POSITIVE_INFINITY) return (minOpen ? "> " : ">= ") + shown(min);
            return "in " + (minOpen ? "(" : "[") + shown(min) + ", " + shown(max) + (maxOpen ? ")" : "]");
        }
    }

    /** A value out of its range or in contradiction with another setting, named by the setting it is about. */
    public record Problem(String setting, String message) {}

    /** A rule between two settings, reported at {@code setting} (or at {@code other} when only that one was set). */
    private record Rule(String setting, String other, Predicate<SolverSettings> holds,
                        Function<SolverSettings, String> message) {}

    private static final List<SolverSetting> ALL = List.of(
            method("method", SolverSettings::method, SolverSettings.Builder::method),
            number("eps", Range.atLeast(0), s -> s.search().eps(), SolverSettings.Builder::eps),
            number("equalityTolerance", Range.above(0), s -> s.search().equalityTolerance(),
                    SolverSettings.Builder::equalityTolerance),
            number("inequalityTolerance", Range.atLeast(0), s -> s.search().inequalityTolerance(),
                    SolverSettings.Builder::inequalityTolerance),
            whole("maxOuterIterations", Range.atLeast(1), s -> s.search().maxOuterIterations(),
                    (b, v) -> b.maxOuterIterations(v.intValue())),
            whole("innerSteps", Range.atLeast(1), s -> s.search().innerSteps(), (b, v) -> b.innerSteps(v.intValue())),
            number("learningRate", Range.above(0), s -> s.search().learningRate(),
                    SolverSettings.Builder::learningRate),
            number("penaltyStart", Range.above(0), s -> s.search().penaltyStart(),
                    SolverSettings.Builder::penaltyStart),
            number("penaltyGrowth", Range.atLeast(1), s -> s.search().penaltyGrowth(),
                    SolverSettings.Builder::penaltyGrowth),
            number("penaltyMax", Range.above(0), s -> s.search().penaltyMax(), SolverSettings.Builder::penaltyMax),
            number("violationShrink", new Range(0, true, 1, false), s -> s.search().violationShrink(),
                    SolverSettings.Builder::violationShrink),
            number("distanceTolerance", Range.above(0), s -> s.search().distanceTolerance(),
                    SolverSettings.Builder::distanceTolerance),
            number("innerStopTolerance", Range.atLeast(0), s -> s.search().innerStopTolerance(),
                    SolverSettings.Builder::innerStopTolerance),
            whole("searchStarts", Range.atLeast(1), s -> s.starts().count(), (b, v) -> b.searchStarts(v.intValue())),
            number("searchNoise", Range.atLeast(0), s -> s.starts().noise(), SolverSettings.Builder::searchNoise),
            whole("lineSearchDirections", Range.atLeast(0), s -> s.starts().lineSearchDirections(),
                    (b, v) -> b.lineSearchDirections(v.intValue())),
            number("lineSearchReach", Range.above(0), s -> s.starts().lineSearchReach(),
                    SolverSettings.Builder::lineSearchReach),
            new SolverSetting("artefactPathStarts", Type.BOOLEAN, Range.ANY, s -> s.starts().artefactPath(),
                    (b, v) -> b.artefactPathStarts((Boolean) v)),
            new SolverSetting("answerSelection", Type.SELECTION, Range.ANY, s -> s.starts().selection(),
                    (b, v) -> b.answerSelection((AnswerSelection) v)),
            whole("retryStarts", Range.atLeast(0), s -> s.starts().retryStarts(),
                    (b, v) -> b.retryStarts(v.intValue())),
            whole("inversionSteps", Range.atLeast(0), s -> s.inversion().steps(),
                    (b, v) -> b.inversionSteps(v.intValue())),
            number("inversionLearningRate", Range.above(0), s -> s.inversion().learningRate(),
                    SolverSettings.Builder::inversionLearningRate),
            whole("inversionStarts", Range.atLeast(0), s -> s.inversion().starts(),
                    (b, v) -> b.inversionStarts(v.intValue())),
            whole("seed", Type.LONG, Range.ANY, SolverSettings::seed, (b, v) -> b.seed(v.longValue())),
            whole("limeSamples", Range.atLeast(10), s -> s.baselines().limeSamples(),
                    (b, v) -> b.limeSamples(v.intValue())),
            whole("limeSegments", Range.atLeast(2), s -> s.baselines().limeSegments(),
                    (b, v) -> b.limeSegments(v.intValue())),
            whole("igSteps", Range.atLeast(1), s -> s.baselines().igSteps(), (b, v) -> b.igSteps(v.intValue())),
            number("igBaseline", new Range(0, false, 1, false), s -> s.baselines().igBaseline(),
                    SolverSettings.Builder::igBaseline),
            whole("pdaWindow", Range.atLeast(1), s -> s.baselines().pdaWindow(), (b, v) -> b.pdaWindow(v.intValue())),
            whole("pdaStride", Range.atLeast(1), s -> s.baselines().pdaStride(), (b, v) -> b.pdaStride(v.intValue())),
            whole("pdaPadding", Range.atLeast(0), s -> s.baselines().pdaPadding(),
                    (b, v) -> b.pdaPadding(v.intValue())),
            whole("pdaSamples", Range.atLeast(1), s -> s.baselines().pdaSamples(),
                    (b, v) -> b.pdaSamples(v.intValue())),
            whole("pdaReferenceImages", Range.atLeast(2), s -> s.baselines().pdaReferenceImages(),
                    (b, v) -> b.pdaReferenceImages(v.intValue())),
            number("contrastWeightStep", Range.above(0), s -> s.baselines().contrastWeightStep(),
                    SolverSettings.Builder::contrastWeightStep),
            number("contrastWeightMax", Range.above(0), s -> s.baselines().contrastWeightMax(),
                    SolverSettings.Builder::contrastWeightMax),
            number("imposeStrength", Range.above(0), s -> s.baselines().imposeStrength(),
                    SolverSettings.Builder::imposeStrength));

    private static final List<Rule> RULES = List.of(
            new Rule("penaltyMax", "penaltyStart", s -> s.search().penaltyMax() >= s.search().penaltyStart(),
                    s -> "solver setting 'penaltyMax' must be >= penaltyStart (" + shown(s.search().penaltyStart())
                            + "), got " + shown(s.search().penaltyMax())),
            new Rule("contrastWeightMax", "contrastWeightStep",
                    s -> s.baselines().contrastWeightMax() >= s.baselines().contrastWeightStep(),
                    s -> "solver setting 'contrastWeightMax' must be >= contrastWeightStep ("
                            + shown(s.baselines().contrastWeightStep()) + "), got "
                            + shown(s.baselines().contrastWeightMax())),
            new Rule("lineSearchDirections", "searchStarts",
                    s -> s.starts().lineSearchDirections() == 0 || s.starts().count() >= 2,
                    s -> "solver setting 'lineSearchDirections' (" + s.starts().lineSearchDirections()
                            + ") gives extra search starts, but 'searchStarts' is " + s.starts().count()
                            + ": set it to 2 or more"),
            new Rule("artefactPathStarts", "searchStarts", s -> !s.starts().artefactPath() || s.starts().count() >= 2,
                    s -> "solver setting 'artefactPathStarts' (true) gives an extra search start, but 'searchStarts' "
                            + "is " + s.starts().count() + ": set it to 2 or more"),
            new Rule("answerSelection", "searchStarts",
                    s -> s.starts().selection() == AnswerSelection.NEAREST || s.starts().count() >= 2,
                    s -> "solver setting 'answerSelection' (" + s.starts().selection().id() + ") chooses among "
                            + "search starts, but 'searchStarts' is " + s.starts().count() + ": set it to 2 or more"));

    /** Every setting: the method, the search, its starts, the inversion, the seed, the baselines. */
    public static List<SolverSetting> all() { return ALL; }

    public static Optional<SolverSetting> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** This setting's value in the settings (a boxed number, a Boolean, the Method or the AnswerSelection). */
    public Object read(SolverSettings settings) { return reader.apply(settings); }

    /** The other setting a rule about this one involves (e.g. searchStarts for lineSearchDirections), if any. */
    static Optional<String> partnerOf(String setting) {
        return RULES.stream().filter(r -> r.setting.equals(setting)).map(Rule::other).findFirst();
    }

    /**
     * Every problem of the settings: each value out of its range, then each broken rule between two settings whose
     * values are in range (a broken range says more than the rule it also breaks).
     */
    static List<Problem> problems(SolverSettings s) {
        List<Problem> out = new ArrayList<>();
        for (SolverSetting setting : ALL) {
            if (!(setting.read(s) instanceof Number n)) continue;
            if (!setting.range.contains(n.doubleValue())) {
                out.add(new Problem(setting.name, "solver setting '" + setting.name + "' must be " + setting.range
                        + ", got " + shown(n.doubleValue())));
            }
        }
        for (Rule r : RULES) {
            boolean inRange = out.stream().noneMatch(p -> p.setting.equals(r.setting) || p.setting.equals(r.other));
            if (inRange && !r.holds.test(s)) out.add(new Problem(r.setting, r.message.apply(s)));
        }
        return out;
    }

    /** A number as users write it: whole numbers without a fraction ({@code -1}, not {@code -1.0}). */
    static String shown(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static SolverSetting whole(String name, Range range, Function<SolverSettings, Object> reader,
                                       BiConsumer<SolverSettings.Builder, Number> writer) {
        return whole(name, Type.INTEGER, range, reader, writer);
    }

    private static SolverSetting whole(String name, Type type, Range range, Function<SolverSettings, Object> reader,
                                       BiConsumer<SolverSettings.Builder, Number> writer) {
        return new SolverSetting(name, type, range, reader, (b, v) -> writer.accept(b, (Number) v));
    }

    private static SolverSetting number(String name, Range range, Function<SolverSettings, Object> reader,
                                        BiConsumer<SolverSettings.Builder, Double> writer) {
        return new SolverSetting(name, Type.NUMBER, range, reader,
                (b, v) -> writer.accept(b, ((Number) v).doubleValue()));
    }

    private static SolverSetting method(String name, Function<SolverSettings, Object> reader,
                                        BiConsumer<SolverSettings.Builder, Method> writer) {
        return new SolverSetting(name, Type.METHOD, Range.ANY, reader, (b, v) -> writer.accept(b, (Method) v));
    }
}
