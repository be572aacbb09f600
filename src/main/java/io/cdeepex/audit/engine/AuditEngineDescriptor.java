package io.cdeepex.audit.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The engine's root: closes what the run owns when every suite is done. */
final class AuditEngineDescriptor extends EngineDescriptor implements Node<AuditExecution> {
    AuditEngineDescriptor(UniqueId id) {
        super(id, "CDeepEx audit suites");
    }

    @Override
    public void after(AuditExecution context) {
        context.close();
    }
}
