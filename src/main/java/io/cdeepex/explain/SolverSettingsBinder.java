package io.cdeepex.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies named setting values to solver settings, the same way for every face: a suite's {@code solver:}
 * mappings, the {@code cdeepex.solver.<name>} configuration parameters and the {@code @AuditExplainer} attributes.
 * It finds each setting by name, checks the value's type (text is parsed; a whole number is required where the
 * setting counts), applies the values in order (a later value of the same setting wins) and checks the combined
 * settings once, reporting every bad value at the value that set it. The faces only say where a value came from
 * and how to word its origin.
 */
public final class SolverSettingsBinder {

    /**
     * One named value and where it came from.
     *
     * @param name   the setting's name ({@link SolverSetting#name()})
     * @param value  the value: text to parse, a number, a Boolean, a {@link Method} or an {@link AnswerSelection}
     * @param origin the face's own handle on where it was written (a suite position, a parameter key), or null
     */
    public record Entry(String name, Object value, Object origin) {}

    /**
     * A value the settings cannot take.
     *
     * @param entry   the value at fault; null where a rule between two settings broke and neither was given
     * @param kind    what is wrong, so that a face can word it in its own terms
     * @param message the problem in words, naming the setting and what was expected
     */
    public record Problem(Entry entry, Kind kind, String message) {
        public enum Kind { UNKNOWN_NAME, WRONG_TYPE, OUT_OF_RANGE }
    }

    /** The bound settings, or (with no settings) every problem found. */
    public record Result(Optional<SolverSettings> settings, List<Problem> problems) {}

    private SolverSettingsBinder() {}

    public static Result bind(SolverSettings base, List<Entry> entries) {
        SolverSettings.Builder builder = base.toBuilder();
        List<Problem> problems = new ArrayList<>();
        Map<String, Entry> applied = new LinkedHashMap<>();
        for (Entry e : entries) {
            Optional<SolverSetting> setting = SolverSetting.named(e.name());
            if (setting.isEmpty()) {
                problems.add(new Problem(e, Problem.Kind.UNKNOWN_NAME, "unknown solver setting '" + e.name()
                        + "'; expected one of " + SolverSetting.all().stream().map(SolverSetting::name).toList()));
                continue;
            }
            Object value = convert(setting.get().type(), e.value());
            if (value == null) {
                problems.add(new Problem(e, Problem.Kind.WRONG_TYPE, "solver setting '" + e.name() + "' is '"
                        + e.value() + "'; expected " + setting.get().type().expected()));
                continue;
            }
            setting.get().writer().accept(builder, value);
            applied.put(e.name(), e);
        }
        if (!problems.isEmpty()) return new Result(Optional.empty(), problems);
        try {
            return new Result(Optional.of(builder.build()), List.of());
        } catch (InvalidSolverSettingsException invalid) {
            for (SolverSetting.Problem p : invalid.problems()) {
                Entry at = applied.get(p.setting());
                if (at == null) at = SolverSetting.partnerOf(p.setting()).map(applied::get).orElse(null);
                problems.add(new Problem(at, Problem.Kind.OUT_OF_RANGE, p.message()));
            }
            return new Result(Optional.empty(), problems);
        }
    }

    /** The value as the setting's type, or null when it is not one. */
    static Object convert(SolverSetting.Type type, Object value) {
        if (value instanceof String text) return parse(type, text.trim());
        return switch (type) {
            case INTEGER -> value instanceof Number n && whole(n) && n.doubleValue() >= Integer.MIN_VALUE
                    && n.doubleValue() <= Integer.MAX_VALUE ? (Object) n.intValue() : null;
            case LONG -> value instanceof Number n && whole(n) ? (Object) n.longValue() : null;
            case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case METHOD -> value instanceof Method ? value : null;
            case SELECTION -> value instanceof AnswerSelection ? value : null;
        };
    }

    private static Object parse(SolverSetting.Type type, String text) {
        try {
            return switch (type) {
                case INTEGER -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                case NUMBER -> convert(type, Double.parseDouble(text));
                case BOOLEAN -> text.equalsIgnoreCase("true") ? Boolean.TRUE
                        : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case METHOD -> Method.parse(text);
                case SELECTION -> AnswerSelection.parse(text);
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean whole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 9.0e15;
    }
}
