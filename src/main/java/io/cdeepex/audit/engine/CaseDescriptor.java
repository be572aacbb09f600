package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.AuditSuite;
import io.cdeepex.shard.ShardKeyed;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One case of a suite: a test with its file and line as source and the suite's and case's tags. A case that
 * explains holds the {@link AuditTestEngine#SOLVER_RESOURCE} lock while it runs (one solve at a time, as DJL's
 * PyTorch engine requires); cases that only evaluate classifiers run beside it in a parallel run. A case whose
 * suite asks for a device this host lacks is skipped, naming the device and what the host has.
 */
final class CaseDescriptor extends AbstractTestDescriptor implements ShardKeyed, Node<AuditExecution> {
    static final String SEGMENT = "case";
    private static final Set<ExclusiveResource> SOLVER = Set.of(
            new ExclusiveResource(AuditTestEngine.SOLVER_RESOURCE, ExclusiveResource.LockMode.READ_WRITE));
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

    AuditCase auditCase() { return auditCase; }

    @Override
    public String shardKey() { return SuiteFiles.shardKey(suite.file(), auditCase.name()); }

    @Override
    public Type getType() { return Type.TEST; }

    @Override
    public Set<TestTag> getTags() { return Set.copyOf(tags); }

    @Override
    public Set<ExclusiveResource> getExclusiveResources() {
        return auditCase.needsExplanations() ? SOLVER : Set.of();
    }

    @Override
    public SkipResult shouldBeSkipped(AuditExecution context) {
        return context.deviceMissing(suite).map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }

    @Override
    public AuditExecution execute(AuditExecution context, DynamicTestExecutor dynamicTestExecutor) {
        context.run(this);
        return context;
    }
}
