package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.SuiteLoader;
import io.cdeepex.model.ModelRepository;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.discovery.UriSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

import java.nio.file.Path;

/**
 * Builds the engine's tree with JUnit's {@link EngineDiscoveryRequestResolver}: suite files, marker classes and
 * the project's own suites, each by its {@code SelectorResolver}. Models resolve under configuration parameter
 * {@value ModelRepository#PROPERTY} (launcher parameters, system properties, {@code junit-platform.properties}),
 * default {@code models}.
 */
final class AuditDiscovery {
    private AuditDiscovery() {}

    static void resolve(EngineDiscoveryRequest request, EngineDescriptor engine) {
        ConfigurationParameters configuration = request.getConfigurationParameters();
        SuiteLoader loader = new SuiteLoader(new ModelRepository(Path.of(configuration.get(ModelRepository.PROPERTY)
                .filter(s -> !s.isBlank()).orElse("models"))));
        boolean projectRun = !namesOwnSuites(request, engine.getUniqueId())
                && (!request.getSelectorsByType(ClassSelector.class).isEmpty()
                || !request.getSelectorsByType(ClasspathRootSelector.class).isEmpty());
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addSelectorResolver(c -> new SuiteFileResolver(new SuiteNodes(loader, c.getIssueReporter()),
                        c.getIssueReporter()))
                .addSelectorResolver(c -> new MarkerClassResolver(new SuiteNodes(loader, c.getIssueReporter())))
                .addSelectorResolver(c -> new ProjectSuitesResolver(new SuiteNodes(loader, c.getIssueReporter()),
                        projectRun, () -> ProjectSuites.find(configuration, classLoader())))
                .build()
                .resolve(request, engine);
    }

    /** Whether a selector names suites of this engine (a marker class, a suite file or folder, a unique id). */
    private static boolean namesOwnSuites(EngineDiscoveryRequest request, UniqueId engineId) {
        return request.getSelectorsByType(ClassSelector.class).stream()
                        .anyMatch(s -> MarkerClassResolver.annotation(s).isPresent())
                || request.getSelectorsByType(FileSelector.class).stream()
                        .anyMatch(s -> SuiteFiles.isSuite(s.getPath()))
                || !request.getSelectorsByType(DirectorySelector.class).isEmpty()
                || request.getSelectorsByType(ClasspathResourceSelector.class).stream()
                        .anyMatch(s -> SuiteFiles.isSuite(Path.of(s.getClasspathResourceName())))
                || request.getSelectorsByType(UriSelector.class).stream()
                        .anyMatch(s -> s.getUri().getPath() != null
                                && SuiteFiles.isSuite(Path.of(s.getUri().getPath())))
                || request.getSelectorsByType(UniqueIdSelector.class).stream()
                        .anyMatch(s -> s.getUniqueId().hasPrefix(engineId));
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : AuditDiscovery.class.getClassLoader();
    }
}
