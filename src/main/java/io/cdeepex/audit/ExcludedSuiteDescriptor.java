package io.cdeepex.audit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

import org.junit.platform.engine.TestTag;

import java.nio.file.Path;
import java.util.Set;

/** A suite file left out by {@link AuditSuiteDirectory#exclude()}: reported as skipped with the reason. */
final class ExcludedSuiteDescriptor extends AbstractTestDescriptor {
    private final String reason;
    private final Set<TestTag> tags;

    /** @param tags the tags the file declares, so that a tag filter shows the skip where it would show the cases */
    ExcludedSuiteDescriptor(UniqueId id, Path file, String reason, Set<TestTag> tags) {
        super(id, file.getFileName() + " (excluded)", FileSource.from(file.toFile()));
        this.reason = reason;
        this.tags = Set.copyOf(tags);
    }

    @Override
    public Set<TestTag> getTags() { return tags; }

    String reason() { return reason; }

    @Override
    public Type getType() { return Type.TEST; }
}
