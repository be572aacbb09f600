package io.cdeepex.audit;

import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSettings;

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

    /** A value with where and how it was written, so that a range error names the line and quotes the text. */
    record Value(Object value, Position position, String field, String text) {}

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
            if (v != null) out.put(key, new Value(v, f.at(key), f.path(key), ((YamlNode.Scalar) f.node(key)).text()));
        }
        return out;
    }

    /**
     * The defaults with the method and the overrides applied in order (later maps win). Every value the settings
     * reject (e.g. a negative eps) is reported at the line that set it, not only the first; then null is returned.
     */
    @SafeVarargs
    static SolverSettings build(Method method, Problems problems, Position fallback, String fallbackField,
                                Map<String, Value>... layers) {
        Map<String, Value> merged = new LinkedHashMap<>();
        for (Map<String, Value> layer : layers) merged.putAll(layer);
        SolverSettings defaults = SolverSettings.defaults().withMethod(method);
        String error = rejection(defaults, merged);
        if (error == null) return construct(defaults, merged);
        boolean named = false;
        for (Value v : merged.values()) {
            String alone = rejection(defaults, Map.of(fieldName(v), v));
            if (alone != null) {
                problems.add(v.position(), v.field(), asWritten(alone, v));
                named = true;
            }
        }
        if (!named) { // only the combination is wrong (e.g. two settings that contradict each other)
            Matcher m = SETTING_NAME.matcher(error);
            Value v = m.find() ? merged.get(m.group(1)) : null;
            problems.add(v != null ? v.position() : fallback, v != null ? v.field() : fallbackField,
                    v != null ? asWritten(error, v) : error);
        }
        return null;
    }

    private static String fieldName(Value v) {
        return v.field().substring(v.field().lastIndexOf('.') + 1);
    }

    /** The settings' message with the value as the suite wrote it ({@code -1} and {@code 0}, not {@code -1.0}). */
    private static String asWritten(String message, Value v) {
        int at = message.lastIndexOf("got ");
        if (at < 0 || !(v.value() instanceof Number n)) return message;
        try {
            boolean same = Double.parseDouble(message.substring(at + 4).trim()) == n.doubleValue();
            return same ? message.substring(0, at) + "got " + v.text() : message;
        } catch (NumberFormatException e) {
            return message; // the message ends in something else: leave it as the settings wrote it
        }
    }

    /** Why the settings reject these overrides, or null when they accept them. */
    private static String rejection(SolverSettings defaults, Map<String, Value> overrides) {
        try {
            construct(defaults, overrides);
            return null;
        } catch (IllegalArgumentException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static SolverSettings construct(SolverSettings defaults, Map<String, Value> overrides) {
        Object[] args = new Object[COMPONENTS.length];
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            RecordComponent c = COMPONENTS[i];
            types[i] = c.getType();
            Value v = overrides.get(c.getName());
            try {
                args[i] = v != null ? v.value() : c.getAccessor().invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read SolverSettings." + c.getName(), e);
            }
        }
        try {
            return SolverSettings.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalStateException("cannot build SolverSettings", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build SolverSettings", e);
        }
    }
}
