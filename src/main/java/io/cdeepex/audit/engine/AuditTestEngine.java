package io.cdeepex.audit.engine;

import io.cdeepex.audit.AuditSuiteDirectory;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

import java.util.Optional;

/**
 * The JUnit Platform engine that runs YAML audit suites: a container per file and a test per case, each case with
 * its file and line as {@link org.junit.platform.engine.support.descriptor.FileSource} and the YAML {@code tags} as
 * JUnit tags, so that Surefire's {@code -Dgroups}, IDEs and any Launcher select, filter and report them like other
 * tests. Built on JUnit's engine support, as Cucumber's engine is: discovery by selector resolvers
 * ({@link AuditDiscovery}), execution by {@link HierarchicalTestEngine} with a {@code Node} per descriptor.
 *
 * <p>Selectors: a class annotated with {@link AuditSuiteDirectory} (what Surefire passes), a suite file (with a line:
 * the case there), a {@code file:} URI, a class-path resource, a directory of suite files (what {@code cdeepex audit}
 * passes), or a unique id of this engine. A request that selects classes or class-path roots (a build tool's or an
 * IDE's "all tests") but none of these runs the project's own suites ({@link ProjectSuites}). A case with a mistake
 * of its own becomes a failing test at its line and the file's other cases run; a suite that cannot be read, or
 * whose file-level parts are invalid, becomes one failing test (and a discovery issue). Either names file, line,
 * column, field and what was expected; the other suites still run. A case whose suite asks for a GPU this host does
 * not have is skipped with the reason.
 *
 * <p>Cases run one after another unless configuration parameter {@value #PARALLEL_ENABLED} is {@code true}; then
 * {@value #PARALLEL_CONFIG_PREFIX}{@code strategy}, {@code fixed.parallelism} and the other keys of JUnit's
 * parallel configuration (as under {@code junit.jupiter.execution.parallel.config.}) size the pool. Cases that
 * explain hold the exclusive resource {@value #SOLVER_RESOURCE} (one solve at a time); the rest run beside them.
 */
public final class AuditTestEngine extends HierarchicalTestEngine<AuditExecution> {
    public static final String ENGINE_ID = "cdeepex-audit";
    /** The report entry holding a finished case's verdicts, one per line (passes as well as failures). */
    public static final String VERDICTS_KEY = "verdicts";
    /** The exclusive resource a case that solves holds: DJL's PyTorch engine allows one gradient collector. */
    public static final String SOLVER_RESOURCE = "io.cdeepex.solver";
    /** Configuration parameter: whether cases and suites of this engine run in parallel (default false). */
    public static final String PARALLEL_ENABLED = "cdeepex.audit.execution.parallel.enabled";
    /** Prefix of the configuration parameters that configure the parallel pool (JUnit's keys after it). */
    public static final String PARALLEL_CONFIG_PREFIX = "cdeepex.audit.execution.parallel.config.";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("io.cdeepex");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("cdeepex-audit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        AuditEngineDescriptor engine = new AuditEngineDescriptor(uniqueId);
        AuditDiscovery.resolve(request, engine);
        return engine;
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        ConfigurationParameters configuration = request.getConfigurationParameters();
        if (configuration.getBoolean(PARALLEL_ENABLED).orElse(false)) {
            return new ForkJoinPoolHierarchicalTestExecutorService(
                    new PrefixedConfigurationParameters(configuration, PARALLEL_CONFIG_PREFIX));
        }
        return super.createExecutorService(request);
    }

    @Override
    protected AuditExecution createExecutionContext(ExecutionRequest request) {
        return AuditExecution.of(request);
    }
}
