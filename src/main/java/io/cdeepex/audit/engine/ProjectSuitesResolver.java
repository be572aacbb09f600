package io.cdeepex.audit.engine;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adds the project's own suites ({@link ProjectSuites}) when a build tool or IDE asks for a project's tests — it
 * selects classes or class-path roots — and no selector names suites of this engine. The selectors stay unresolved
 * by this engine: they are the other engines' (Jupiter's classes). Also resolves the unique ids
 * {@code [engine:cdeepex-audit]/[project-suite:PATH]/[suite:PATH]/[case:NAME]}.
 */
final class ProjectSuitesResolver implements SelectorResolver {
    private final SuiteNodes nodes;
    private final Supplier<List<Path>> projectSuites;
    /** Whether this is a run of the project's tests that names none of this engine's suites. */
    private final boolean projectRun;
    private boolean added;

    ProjectSuitesResolver(SuiteNodes nodes, boolean projectRun, Supplier<List<Path>> projectSuites) {
        this.nodes = nodes;
        this.projectRun = projectRun;
        this.projectSuites = projectSuites;
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        addProjectSuites(context);
        return Resolution.unresolved();
    }

    @Override
    public Resolution resolve(ClasspathRootSelector selector, Context context) {
        addProjectSuites(context);
        return Resolution.unresolved();
    }

    private void addProjectSuites(Context context) {
        if (!projectRun || added) return;
        added = true;
        for (Path file : projectSuites.get()) {
            context.addToParent(parent -> Optional.of(container(parent, file)))
                    .ifPresent(c -> SuiteFileResolver.select(nodes.suite(c, file, file.normalize().toString()), null));
        }
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || segments.size() > 4
                || !ProjectSuiteDescriptor.SEGMENT.equals(segments.get(1).getType())) {
            return Resolution.unresolved();
        }
        Path file = Path.of(segments.get(1).getValue());
        if (!SuiteFiles.isSuite(file)) return Resolution.unresolved();
        Optional<ProjectSuiteDescriptor> container =
                context.addToParent(parent -> Optional.of(container(parent, file)));
        if (container.isEmpty()) return Resolution.unresolved();
        TestDescriptor suite = nodes.suite(container.get(), file, file.normalize().toString());
        return SuiteFileResolver.select(suite, segments.size() > 3 ? segments.get(3).getValue() : null);
    }

    private static ProjectSuiteDescriptor container(TestDescriptor parent, Path file) {
        UniqueId id = parent.getUniqueId().append(ProjectSuiteDescriptor.SEGMENT, file.toString());
        return parent.getChildren().stream().filter(c -> c.getUniqueId().equals(id))
                .map(ProjectSuiteDescriptor.class::cast).findFirst()
                .orElseGet(() -> new ProjectSuiteDescriptor(id, file));
    }
}
