package io.cdeepex.assertions;

import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.scan.ScanResult;

import java.util.List;

/**
 * Entry point of the audit assertions: {@code import static io.cdeepex.assertions.AuditAssertions.assertThat;}.
 * The overloads are more specific than AssertJ's, so both static imports can live in one test. They assert on
 * computed results: explanations, and a classifier's {@link ClassifierEvaluation}.
 */
public final class AuditAssertions {
    private AuditAssertions() {}

    public static ExplanationAssert assertThat(Explanation actual) {
        return new ExplanationAssert(actual);
    }

    public static ExplanationListAssert assertThat(List<Explanation> actual) {
        return new ExplanationListAssert(actual);
    }

    public static ScanAssert assertThat(ScanResult actual) {
        return new ScanAssert(actual);
    }

    public static ClassifierAssert assertThat(ClassifierEvaluation actual) {
        return new ClassifierAssert(actual);
    }
}
