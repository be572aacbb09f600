package io.cdeepex.audit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

/** One suite file: a container of its cases. */
final class SuiteDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "suite";
    private final AuditSuite suite;

    SuiteDescriptor(UniqueId id, AuditSuite suite) {
        super(id, suite.name(), FileSource.from(suite.file().toFile()));
        this.suite = suite;
    }

    AuditSuite suite() { return suite; }

    @Override
    public Type getType() { return Type.CONTAINER; }

    @Override
    public String getLegacyReportingName() {
        return suite.file().getFileName().toString();
    }
}
