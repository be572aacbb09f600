package io.cdeepex.audit.engine;

import io.cdeepex.audit.AuditSuiteDirectory;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** The class annotated with {@link AuditSuiteDirectory}: a container of the directory's suites. */
final class MarkerDescriptor extends AbstractTestDescriptor implements Node<AuditExecution> {
    static final String SEGMENT = "class";

    private final Class<?> marker;

    MarkerDescriptor(UniqueId id, Class<?> marker, String directory) {
        super(id, marker.getSimpleName() + " (" + directory + ")", ClassSource.from(marker));
        this.marker = marker;
    }

    /** The class name, as build tools name a test class in their reports. */
    @Override
    public String getLegacyReportingName() {
        return marker.getName();
    }

    @Override
    public Type getType() { return Type.CONTAINER; }
}
