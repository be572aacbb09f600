package io.cdeepex.audit;

import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSettings;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A suite's {@code solver:} mapping: overrides of {@link SolverSettings} fields by their record names
 * ({@code maxOuterIterations}, {@code searchStarts}, {@code eps}, ...). The key list comes from the record itself,
 * so a new solver setting is usable in suites without touching this class. {@code method} is not a solver key here:
 * a case names it with {@code method:}.
 */
final class SolverOverrides {
    private static final RecordComponent[] COMPONENTS = SolverSettings.class.getRecordComponents();
    private static final List<String> KEYS = Arrays.stream(COMPONENTS).map(RecordComponent::getName)
            .filter(n -> !n.equals("method")).toList();
    private static final Pattern SETTING_NAME = Pattern.compile("solver setting '([A-Za-z]+)'");

    /** A value with where it was written, so that a range error names the line that set it. */
    record Value(Object value, Position position, String field) {}

    private SolverOverrides() {}

    static List<String> keys() { return KEYS; }

    /** The overrides of one {@code solver:} mapping; wrong keys or types become problems and are left out. */
    static Map<String, Value> read(Fields f) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (f == null) return out;
        f.allowOnly(KEYS, "solver settings (fields of io.cdeepex.explain.SolverSettings)");
        for (RecordComponent c : COMPONENTS) {
            String key = c.getName();
            if (!f.has(key) || key.equals("method")) continue;
            Object v;
            if (c.getType() == int.class) {
                v = f.integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
            } else if (c.getType() == long.class) {
                v = f.longInteger(key);
            } else if (c.getType() == double.class) {
                v = f.number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
            } else {
                throw new IllegalStateException("SolverSettings." + key + " has type " + c.getType() + ", unknown to suites");
            }
            if (v != null) out.put(key, new Value(v, f.at(key), f.path(key)));
        }
        return out;
    }

    /**
     * The defaults with the method and the overrides applied in order (later maps win). A value the settings
     * reject (e.g. a negative eps) is reported at the line that set it; then null is returned.
     */
    @SafeVarargs
    static SolverSettings build(Method method, Problems problems, Position fallback, String fallbackField,
                                Map<String, Value>... layers) {
        Map<String, Value> merged = new LinkedHashMap<>();
        for (Map<String, Value> layer : layers) merged.putAll(layer);
        SolverSettings defaults = SolverSettings.defaults().withMethod(method);
        Object[] args = new Object[COMPONENTS.length];
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            RecordComponent c = COMPONENTS[i];
            types[i] = c.getType();
            Value v = merged.get(c.getName());
            try {
                args[i] = v != null ? v.value() : c.getAccessor().invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read SolverSettings." + c.getName(), e);
            }
        }
        try {
            Constructor<SolverSettings> ctor = SolverSettings.class.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            String message = String.valueOf(e.getCause().getMessage());
            Matcher m = SETTING_NAME.matcher(message);
            Value v = m.find() ? merged.get(m.group(1)) : null;
            problems.add(v != null ? v.position() : fallback, v != null ? v.field() : fallbackField, message);
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build SolverSettings", e);
        }
    }
}
