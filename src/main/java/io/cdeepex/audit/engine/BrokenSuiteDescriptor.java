package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.AuditSuiteException;
import io.cdeepex.shard.ShardKeyed;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.util.Set;

/**
 * A suite file that cannot run: one failing test for the whole file, pointing at its first problem, failing with
 * the {@link AuditSuiteException} that lists them all. It carries the tags the file declares, where they can be
 * read, so that a tag filter does not hide a broken suite of the selected kind.
 */
final class BrokenSuiteDescriptor extends AbstractTestDescriptor implements ShardKeyed, Node<AuditExecution> {
    private final AuditSuiteException error;
    private final Set<TestTag> tags;

    BrokenSuiteDescriptor(UniqueId id, AuditSuiteException error, Set<TestTag> tags) {
        super(id, error.file().getFileName() + " (invalid suite)", FileSource.from(error.file().toFile(),
                FilePosition.from(error.first().position().line(), error.first().position().column())));
        this.error = error;
        this.tags = Set.copyOf(tags);
    }

    AuditSuiteException error() { return error; }

    @Override
    public String shardKey() { return SuiteFiles.shardKey(error.file(), null); }

    @Override
    public Type getType() { return Type.TEST; }

    @Override
    public Set<TestTag> getTags() { return tags; }

    @Override
    public AuditExecution execute(AuditExecution context, DynamicTestExecutor dynamicTestExecutor) {
        throw error;
    }
}
