package io.cdeepex.audit;

/**
 * The same suites under a name Surefire's default includes ({@code *Test}) pick up, so that a plain
 * {@code mvn test} runs them; {@code -Dtest=AuditSuites} selects only {@link AuditSuites}, never both.
 */
public class AuditSuitesTest extends AuditSuites {
}
