package io.cdeepex.audit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

import java.nio.file.Path;

/** A suite file left out by {@link AuditSuiteDirectory#exclude()}: reported as skipped with the reason. */
final class ExcludedSuiteDescriptor extends AbstractTestDescriptor {
    private final String reason;

    ExcludedSuiteDescriptor(UniqueId id, Path file, String reason) {
        super(id, file.getFileName() + " (excluded)", FileSource.from(file.toFile()));
        this.reason = reason;
    }

    String reason() { return reason; }

    @Override
    public Type getType() { return Type.TEST; }
}
