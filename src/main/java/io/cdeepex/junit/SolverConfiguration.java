package io.cdeepex.junit;

import io.cdeepex.explain.SolverSetting;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.SolverSettingsBinder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Solver settings for injected explainers, in this order (later wins): {@link SolverSettings#defaults()}, the
 * configuration parameters {@code cdeepex.solver.<name>} (any {@link SolverSetting}, e.g.
 * {@code cdeepex.solver.inversionSteps=100}), then the attributes set on {@link AuditExplainer} (its method always).
 * {@link SolverSettingsBinder} checks the combination once; every bad value is named by its key or attribute.
 */
final class SolverConfiguration {
    static final String PREFIX = "cdeepex.solver.";

    /** Where a value came from, in the words of the error message. */
    private record Origin(String where, String text) {}

    private SolverConfiguration() {}

    /**
     * The defaults with the configuration parameters applied.
     *
     * @param parameters a configuration parameter by key (e.g. {@code ExtensionContext::getConfigurationParameter})
     * @throws ExtensionConfigurationException naming each bad parameter, its value and what was expected
     */
    static SolverSettings fromParameters(Function<String, Optional<String>> parameters) {
        return bind(parameterEntries(parameters));
    }

    /** The defaults, then the configuration parameters, then the annotation's attributes that are set. */
    static SolverSettings combine(Function<String, Optional<String>> parameters, AuditExplainer a) {
        List<SolverSettingsBinder.Entry> entries = parameterEntries(parameters);
        entries.addAll(attributeEntries(a));
        return bind(entries);
    }

    private static List<SolverSettingsBinder.Entry> parameterEntries(Function<String, Optional<String>> parameters) {
        List<SolverSettingsBinder.Entry> out = new ArrayList<>();
        for (SolverSetting s : SolverSetting.all()) {
            String key = PREFIX + s.name();
            parameters.apply(key).filter(t -> !t.isBlank()).ifPresent(text -> out.add(new SolverSettingsBinder.Entry(
                    s.name(), text, new Origin("configuration parameter '" + key + "'", text.trim()))));
        }
        return out;
    }

    private static List<SolverSettingsBinder.Entry> attributeEntries(AuditExplainer a) {
        List<SolverSettingsBinder.Entry> out = new ArrayList<>();
        out.add(attribute("method", a.method()));
        if (a.searchStarts() != AuditExplainer.NOT_SET) out.add(attribute("searchStarts", a.searchStarts()));
        if (a.seed() != AuditExplainer.NOT_SET_SEED) out.add(attribute("seed", a.seed()));
        if (a.maxOuterIterations() != AuditExplainer.NOT_SET) {
            out.add(attribute("maxOuterIterations", a.maxOuterIterations()));
        }
        if (a.innerSteps() != AuditExplainer.NOT_SET) out.add(attribute("innerSteps", a.innerSteps()));
        if (!Double.isNaN(a.learningRate())) out.add(attribute("learningRate", a.learningRate()));
        if (!Double.isNaN(a.eps())) out.add(attribute("eps", a.eps()));
        if (a.inversionSteps() != AuditExplainer.NOT_SET) out.add(attribute("inversionSteps", a.inversionSteps()));
        if (a.inversionStarts() != AuditExplainer.NOT_SET) out.add(attribute("inversionStarts", a.inversionStarts()));
        return out;
    }

    private static SolverSettingsBinder.Entry attribute(String name, Object value) {
        return new SolverSettingsBinder.Entry(name, value, new Origin("@AuditExplainer attribute '" + name + "'",
                String.valueOf(value)));
    }

    private static SolverSettings bind(List<SolverSettingsBinder.Entry> entries) {
        if (entries.isEmpty()) return SolverSettings.defaults();
        SolverSettingsBinder.Result bound = SolverSettingsBinder.bind(SolverSettings.defaults(), entries);
        if (bound.settings().isPresent()) return bound.settings().get();
        throw new ExtensionConfigurationException(bound.problems().stream().map(SolverConfiguration::describe)
                .collect(Collectors.joining("; ")));
    }

    /** E.g. "configuration parameter 'cdeepex.solver.eps' is 'lots'; expected a number". */
    private static String describe(SolverSettingsBinder.Problem p) {
        if (p.entry() == null) return p.message();
        Origin o = (Origin) p.entry().origin();
        if (p.kind() == SolverSettingsBinder.Problem.Kind.WRONG_TYPE) {
            SolverSetting s = SolverSetting.named(p.entry().name()).orElseThrow();
            return o.where() + " is '" + o.text() + "'; expected " + s.type().expected();
        }
        return o.where() + " is " + o.text() + ": " + p.message();
    }
}
