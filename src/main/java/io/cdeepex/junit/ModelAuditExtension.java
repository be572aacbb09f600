package io.cdeepex.junit;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.explain.Explainer;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The extension behind {@link ModelAudit}: injects {@link AuditClassifier}, {@link AuditGenerator},
 * {@link AuditExplainer} and {@link AuditSamples} fields (static ones before {@code @BeforeAll} methods, instance
 * ones when the instance is made) and parameters, and {@link AuditModels} parameters. Disables (skips, with the
 * reason) an audit that requires a GPU where there is none. All state lives in JUnit's stores ({@link AuditModels}).
 */
final class ModelAuditExtension implements ExecutionCondition, BeforeAllCallback, TestInstancePostProcessor,
        ParameterResolver {
    private static final List<Class<? extends Annotation>> INJECTIONS =
            List.of(AuditClassifier.class, AuditGenerator.class, AuditExplainer.class, AuditSamples.class);

    /** An audit that requires a GPU is disabled, with the reason, on a host without one. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return AuditModels.of(context).missingRequirement().map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("the audit's requirements are met"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        injectFields(context.getRequiredTestClass(), null, context, Modifier::isStatic);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        injectFields(testInstance.getClass(), testInstance, context, m -> !Modifier.isStatic(m));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AuditModels.class
                || INJECTIONS.stream().anyMatch(parameter::isAnnotated);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == AuditModels.class && INJECTIONS.stream().noneMatch(parameter::isAnnotated)) {
            return AuditModels.of(context);
        }
        String site = "parameter '" + parameter.getParameter().getName() + "' of "
                + parameter.getDeclaringExecutable().getDeclaringClass().getSimpleName() + "."
                + parameter.getDeclaringExecutable().getName() + "()";
        return resolve(parameter.getParameter(), type, site, context);
    }

    private void injectFields(Class<?> testClass, Object instance, ExtensionContext context,
                              Predicate<Integer> modifiers) {
        for (Class<? extends Annotation> annotation : INJECTIONS) {
            List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, annotation,
                    f -> modifiers.test(f.getModifiers()), HierarchyTraversalMode.TOP_DOWN);
            for (Field field : fields) {
                String site = "field '" + field.getName() + "' of " + field.getDeclaringClass().getSimpleName();
                if (Modifier.isFinal(field.getModifiers())) {
                    throw new ExtensionConfigurationException(site + ": @" + annotation.getSimpleName()
                            + " cannot inject into a final field; remove 'final'");
                }
                Object value = resolve(field, field.getType(), site, context);
                try {
                    field.setAccessible(true);
                    field.set(instance, value);
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new ExtensionConfigurationException(site + ": cannot set the field: " + e, e);
                }
            }
        }
    }

    /** The value for one annotated field or parameter; errors name the site. */
    private Object resolve(AnnotatedElement element, Class<?> type, String site, ExtensionContext context) {
        List<Annotation> found = new ArrayList<>();
        for (Class<? extends Annotation> a : INJECTIONS) {
            AnnotationSupport.findAnnotation(element, a).ifPresent(found::add);
        }
        if (found.size() != 1) {
            throw new ExtensionConfigurationException(site + " carries " + found.stream()
                    .map(a -> "@" + a.annotationType().getSimpleName()).collect(Collectors.joining(", "))
                    + "; use exactly one injection annotation");
        }
        Annotation annotation = found.get(0);
        AuditModels models = AuditModels.of(context);
        try {
            if (annotation instanceof AuditClassifier a) {
                requireType(type, Classifier.class, a, site);
                return models.classifier(a.value());
            }
            if (annotation instanceof AuditGenerator a) {
                requireType(type, Generator.class, a, site);
                return models.generator(a.value());
            }
            if (annotation instanceof AuditExplainer a) {
                requireType(type, Explainer.class, a, site);
                return models.explainer(a.classifier(), a.generator(),
                        SolverConfiguration.combine(context::getConfigurationParameter, a), a.attachToReport());
            }
            AuditSamples a = (AuditSamples) annotation;
            requireType(type, ImageSet.class, a, site);
            SampleFilter filter = new SampleFilter(boxed(a.include()), boxed(a.exclude()), a.count(), a.seed());
            ImageSet chosen = models.samples(a.dataset(), filter, a.plant());
            return a.ignoreClassNames() ? chosen.withoutClassNames() : chosen;
        } catch (ExtensionConfigurationException | IllegalArgumentException e) {
            throw new ExtensionConfigurationException(site + ": " + e.getMessage(), e);
        }
    }

    private static void requireType(Class<?> declared, Class<?> injected, Annotation a, String site) {
        if (!declared.isAssignableFrom(injected)) {
            throw new ExtensionConfigurationException(site + ": @" + a.annotationType().getSimpleName()
                    + " injects a " + injected.getSimpleName() + " but the declared type is " + declared.getName());
        }
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
