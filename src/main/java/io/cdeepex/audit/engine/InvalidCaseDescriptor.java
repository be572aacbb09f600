package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.AuditSuiteException;
import io.cdeepex.audit.suite.InvalidCase;
import io.cdeepex.shard.ShardKeyed;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** A case that cannot run in a suite whose other cases can: a failing test at the case's line, naming its problems. */
final class InvalidCaseDescriptor extends AbstractTestDescriptor implements ShardKeyed, Node<AuditExecution> {
    private final InvalidCase invalid;
    private final String shardKey;

    InvalidCaseDescriptor(UniqueId id, Path file, InvalidCase invalid) {
        super(id, invalid.name(), FileSource.from(file.toFile(),
                FilePosition.from(invalid.position().line(), invalid.position().column())));
        this.invalid = invalid;
        this.shardKey = SuiteFiles.shardKey(file, id.getLastSegment().getValue());
    }

    AuditSuiteException error() { return invalid.error(); }

    @Override
    public String shardKey() { return shardKey; }

    @Override
    public Type getType() { return Type.TEST; }

    @Override
    public Set<TestTag> getTags() {
        return invalid.tags().stream().map(TestTag::create).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public AuditExecution execute(AuditExecution context, DynamicTestExecutor dynamicTestExecutor) {
        throw invalid.error();
    }
}
