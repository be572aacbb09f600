package io.cdeepex.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that exists to be run by {@link LaunchedRun} (with a fresh launcher, its own root store and
 * chosen configuration parameters); when Surefire or an IDE finds it directly, it is disabled.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledWhenLaunched.Condition.class)
@interface EnabledWhenLaunched {
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LaunchedRun.MARKER).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by LaunchedRun")
                    : ConditionEvaluationResult.disabled("runs only when launched by a test through LaunchedRun");
        }
    }
}
