package io.cdeepex.audit;

import io.cdeepex.shard.ShardKeyed;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

import java.util.LinkedHashSet;
import java.util.Set;

/** One case of a suite: a test with its file and line as source and the suite's and case's tags. */
final class CaseDescriptor extends AbstractTestDescriptor implements ShardKeyed {
    static final String SEGMENT = "case";
    private final AuditSuite suite;
    private final AuditCase auditCase;
    private final Set<TestTag> tags = new LinkedHashSet<>();

    CaseDescriptor(UniqueId id, AuditSuite suite, AuditCase auditCase) {
        super(id, auditCase.name(), FileSource.from(suite.file().toFile(),
                FilePosition.from(auditCase.position().line(), auditCase.position().column())));
        this.suite = suite;
        this.auditCase = auditCase;
        auditCase.tags().forEach(t -> tags.add(TestTag.create(t)));
    }

    AuditSuite suite() { return suite; }

    @Override
    public String shardKey() { return SuiteFiles.shardKey(suite.file(), auditCase.name()); }

    AuditCase auditCase() { return auditCase; }

    @Override
    public Type getType() { return Type.TEST; }

    @Override
    public Set<TestTag> getTags() { return Set.copyOf(tags); }
}
