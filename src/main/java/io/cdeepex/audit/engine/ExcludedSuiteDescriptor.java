package io.cdeepex.audit.engine;

import io.cdeepex.audit.AuditSuiteDirectory;
import io.cdeepex.shard.ShardKeyed;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.nio.file.Path;
import java.util.Set;

/** A suite file left out by {@link AuditSuiteDirectory#exclude()}: reported as skipped with the reason. */
final class ExcludedSuiteDescriptor extends AbstractTestDescriptor implements ShardKeyed, Node<AuditExecution> {
    private final String reason;
    private final Path file;
    private final Set<TestTag> tags;

    /** @param tags the tags the file declares, so that a tag filter shows the skip where it would show the cases */
    ExcludedSuiteDescriptor(UniqueId id, Path file, String reason, Set<TestTag> tags) {
        super(id, file.getFileName() + " (excluded)", FileSource.from(file.toFile()));
        this.reason = reason;
        this.file = file;
        this.tags = Set.copyOf(tags);
    }

    @Override
    public Set<TestTag> getTags() { return tags; }

    String reason() { return reason; }

    @Override
    public String shardKey() { return SuiteFiles.shardKey(file, null); }

    @Override
    public Type getType() { return Type.TEST; }

    @Override
    public SkipResult shouldBeSkipped(AuditExecution context) {
        return SkipResult.skip(reason);
    }
}
