package io.cdeepex.audit.suite;

import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSetting;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.SolverSettingsBinder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite's {@code solver:} mapping: solver settings by their names ({@code maxOuterIterations}, {@code eps}, ...;
 * the list is {@link SolverSetting#all()}), read with the YAML's own types and bound by
 * {@link SolverSettingsBinder}, which reports every bad value; each is put back at the line that set it.
 * {@code method} is not a solver key here: a case names it with {@code method:}.
 */
final class SolverOverrides {
    private static final List<String> KEYS = SolverSetting.all().stream().map(SolverSetting::name)
            .filter(n -> !n.equals("method")).toList();

    /** A value with where it was written, so that a range error names the line. */
    record Value(Object value, Position position, String field) {}

    private SolverOverrides() {}

    static List<String> keys() { return KEYS; }

    /** The overrides of one {@code solver:} mapping; wrong keys or types become problems and are left out. */
    static Map<String, Value> read(Fields f) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (f == null) return out;
        f.allowOnly(KEYS, "solver settings");
        for (SolverSetting setting : SolverSetting.all()) {
            String key = setting.name();
            if (!f.has(key) || key.equals("method")) continue;
            Object v = switch (setting.type()) {
                case INTEGER -> f.integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case LONG -> f.longInteger(key);
                case NUMBER -> f.number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
                case BOOLEAN -> f.bool(key);
                case SELECTION -> f.string(key);
                case METHOD -> throw new IllegalStateException("the method is a case's field, not a solver key");
            };
            if (v != null) out.put(key, new Value(v, f.at(key), f.path(key)));
        }
        return out;
    }

    /**
     * The defaults with the method and the overrides applied in order (later maps win), checked once combined.
     * Every value the settings reject (e.g. a negative eps) is reported at the line that set it; then null is
     * returned.
     */
    @SafeVarargs
    static SolverSettings build(Method method, Problems problems, Position fallback, String fallbackField,
                                Map<String, Value>... layers) {
        List<SolverSettingsBinder.Entry> entries = new ArrayList<>();
        for (Map<String, Value> layer : layers) {
            layer.forEach((name, v) -> entries.add(new SolverSettingsBinder.Entry(name, v.value(), v)));
        }
        SolverSettingsBinder.Result bound = SolverSettingsBinder.bind(SolverSettings.defaults().withMethod(method),
                entries);
        for (SolverSettingsBinder.Problem p : bound.problems()) {
            Value v = p.entry() == null ? null : (Value) p.entry().origin();
            problems.add(v != null ? v.position() : fallback, v != null ? v.field() : fallbackField, p.message());
        }
        return bound.settings().orElse(null);
    }
}
