package io.cdeepex.audit.suite;

import java.util.List;

/**
 * A suite file whose file-level parts are valid: the cases that can run and, apart, the cases that cannot (each
 * with its own problems). Read with {@link SuiteLoader#loadEachCase}.
 */
public record LoadedSuite(AuditSuite suite, List<InvalidCase> invalidCases) {
    public LoadedSuite {
        invalidCases = List.copyOf(invalidCases);
    }
}
