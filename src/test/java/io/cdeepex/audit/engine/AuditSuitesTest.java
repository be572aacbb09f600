package io.cdeepex.audit.engine;

/**
 * The same suites under a {@code *Test} name, for {@code mvn test -Dtest=AuditSuitesTest} (the pom keeps them out of
 * a plain {@code mvn test}: the main job runs them); {@code -Dtest=AuditSuites} selects only {@link AuditSuites}.
 */
public class AuditSuitesTest extends AuditSuites {
}
