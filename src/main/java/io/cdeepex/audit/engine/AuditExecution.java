package io.cdeepex.audit.engine;

import ai.djl.Device;
import io.cdeepex.audit.run.AllureCaseReport;
import io.cdeepex.audit.run.AuditRunException;
import io.cdeepex.audit.run.AuditSession;
import io.cdeepex.audit.run.CaseReport;
import io.cdeepex.audit.run.CaseResult;
import io.cdeepex.audit.run.CaseRunner;
import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.AuditSuite;
import io.cdeepex.model.DeviceChoice;
import io.cdeepex.model.ModelCache;
import io.cdeepex.report.AllureEnvironment;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;
import org.junit.platform.engine.support.store.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * What every node of one run of the engine shares: the {@link AuditSession} (over the run's {@link ModelCache},
 * which {@code @ModelAudit} tests of the same run share), the listener that reports, and the device setting.
 */
final class AuditExecution implements EngineExecutionContext {
    private static final Logger LOG = LoggerFactory.getLogger(AuditExecution.class);
    private final AuditSession session;
    private final EngineExecutionListener listener;
    private final String device;
    /** A cache of this engine's own when the launcher gave no request store (closed with the engine node). */
    private final ModelCache ownCache;

    private AuditExecution(AuditSession session, EngineExecutionListener listener, String device,
                           ModelCache ownCache) {
        this.session = session;
        this.listener = listener;
        this.device = device;
        this.ownCache = ownCache;
    }

    static AuditExecution of(ExecutionRequest request) {
        ConfigurationParameters configuration = request.getConfigurationParameters();
        ModelCache shared;
        ModelCache own = null;
        try {
            shared = request.getStore().getOrComputeIfAbsent(Namespace.create(ModelCache.STORE_NAMESPACE),
                    ModelCache.class, k -> new ModelCache(), ModelCache.class);
        } catch (RuntimeException noStore) { // an ExecutionRequest made by hand, without the launcher's store
            own = new ModelCache();
            shared = own;
        }
        AuditSession session = new AuditSession(shared, AllureEnvironment.of(configuration::get));
        String device = configuration.get(DeviceChoice.PROPERTY).filter(s -> !s.isBlank()).orElse(null);
        return new AuditExecution(session, request.getEngineExecutionListener(), device, own);
    }

    /** The device a suite's cases run on: the suite's field, else configuration parameter cdeepex.device, else auto. */
    Device device(AuditSuite suite) {
        if (suite.device() != null) return DeviceChoice.resolve(suite.device(), "suite field 'device'");
        return DeviceChoice.resolve(device, "configuration parameter " + DeviceChoice.PROPERTY);
    }

    /**
     * Why a suite's cases cannot run on this host: the GPU its {@code device} field asks for is not there; empty when
     * they can. A default device that names an absent GPU (configuration, environment) is a mistake of the run, not
     * a need of the suite: the cases fail with the message instead of being skipped.
     */
    Optional<String> deviceMissing(AuditSuite suite) {
        if (suite.device() == null) return Optional.empty();
        try {
            device(suite);
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(suite.file().getFileName() + ": " + e.getMessage());
        }
    }

    /**
     * Runs a case to its verdicts.
     *
     * @throws AssertionError when an expectation does not hold
     * @throws AuditRunException naming the case when it could not run to its verdicts
     */
    void run(CaseDescriptor d) {
        AuditSuite suite = d.suite();
        AuditCase c = d.auditCase();
        CaseReport report = new PublishingReport(d, listener,
                new AllureCaseReport(d.getUniqueId().toString(), suite, c));
        try {
            CaseResult result = new CaseRunner(session, report).run(suite, c, device(suite));
            LOG.info("{} line {}: case '{}' passed {} expectation(s)", suite.file(), c.position().line(), c.name(),
                    result.verdicts().size());
        } catch (RuntimeException e) {
            throw new AuditRunException(suite, c, e);
        }
    }

    void close() {
        if (ownCache != null) ownCache.close();
    }
}
