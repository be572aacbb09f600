package io.cdeepex.junit;

import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSettings;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.function.Function;

/**
 * Solver settings for injected explainers: {@link SolverSettings#defaults()}, overridden by the configuration
 * parameters {@code cdeepex.solver.<field>} (any component of the record, e.g. {@code cdeepex.solver.inversionSteps=100}),
 * overridden by the attributes set on {@link AuditExplainer}.
 */
final class SolverConfiguration {
    static final String PREFIX = "cdeepex.solver.";

    private SolverConfiguration() {}

    /**
     * @param parameters a configuration parameter by key (e.g. {@code ExtensionContext::getConfigurationParameter})
     * @throws ExtensionConfigurationException naming the parameter, its value and what was expected
     */
    static SolverSettings fromParameters(Function<String, Optional<String>> parameters) {
        SolverSettings defaults = SolverSettings.defaults();
        RecordComponent[] components = SolverSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            Optional<String> text = parameters.apply(PREFIX + rc.getName()).filter(s -> !s.isBlank());
            if (text.isPresent()) {
                values[i] = parse(PREFIX + rc.getName(), text.get().trim(), rc.getType());
                changed = true;
            } else {
                values[i] = read(rc, defaults);
            }
        }
        if (!changed) return defaults;
        try {
            Constructor<SolverSettings> canonical = SolverSettings.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new ExtensionConfigurationException("configuration parameters " + PREFIX + "*: "
                    + (cause == null ? e : cause.getMessage()), cause == null ? e : cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SolverSettings has no canonical constructor", e);
        }
    }

    /** The settings with every attribute of the annotation that is set (see its sentinels). */
    static SolverSettings apply(SolverSettings base, AuditExplainer a) {
        SolverSettings s = base.withMethod(a.method());
        try {
            if (a.searchStarts() > 0) s = s.withSearchStarts(a.searchStarts(), s.searchNoise());
            if (a.seed() >= 0) s = s.withSeed(a.seed());
            if (a.maxOuterIterations() > 0 || a.innerSteps() > 0) {
                s = s.withIterations(a.maxOuterIterations() > 0 ? a.maxOuterIterations() : s.maxOuterIterations(),
                        a.innerSteps() > 0 ? a.innerSteps() : s.innerSteps());
            }
            if (a.learningRate() > 0) s = s.withLearningRate(a.learningRate());
            if (a.eps() >= 0) s = s.withEps(a.eps());
            if (a.inversionSteps() >= 0 || a.inversionStarts() >= 0) {
                s = s.withInversion(a.inversionSteps() >= 0 ? a.inversionSteps() : s.inversionSteps(),
                        a.inversionStarts() >= 0 ? a.inversionStarts() : s.inversionStarts());
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@AuditExplainer: " + e.getMessage(), e);
        }
        return s;
    }

    private static Object parse(String key, String text, Class<?> type) {
        try {
            if (type == double.class) return Double.parseDouble(text);
            if (type == int.class) return Integer.parseInt(text);
            if (type == long.class) return Long.parseLong(text);
            if (type == Method.class) return Method.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("configuration parameter '" + key + "' is '" + text
                    + "'; expected " + expected(type), e);
        }
        throw new IllegalStateException("solver setting " + key + " has unsupported type " + type);
    }

    private static String expected(Class<?> type) {
        if (type == double.class) return "a number";
        if (type == int.class || type == long.class) return "an integer";
        return "one of " + Method.ids();
    }

    private static Object read(RecordComponent rc, SolverSettings from) {
        try {
            return rc.getAccessor().invoke(from);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read solver setting " + rc.getName(), e);
        }
    }
}
