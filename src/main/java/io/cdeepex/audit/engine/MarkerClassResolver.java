package io.cdeepex.audit.engine;

import io.cdeepex.audit.AuditSuiteDirectory;
import io.cdeepex.audit.suite.AuditSuiteException;
import io.cdeepex.audit.suite.Position;
import io.cdeepex.audit.suite.SuiteProblem;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a class annotated with {@link AuditSuiteDirectory} (what Surefire passes) into a container of its
 * directory's suites, and the unique ids {@code [engine:cdeepex-audit]/[class:X]/[suite:FILE]/[case:NAME]} below it.
 * A file the annotation excludes is one skipped test naming the annotation; a missing directory one failing test.
 */
final class MarkerClassResolver implements SelectorResolver {
    private final SuiteNodes nodes;

    MarkerClassResolver(SuiteNodes nodes) {
        this.nodes = nodes;
    }

    /** The class's annotation, when it is a loadable marker class. */
    static Optional<AuditSuiteDirectory> annotation(ClassSelector selector) {
        try {
            return AnnotationSupport.findAnnotation(selector.getJavaClass(), AuditSuiteDirectory.class);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // not loadable here: not ours to report
        }
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        if (annotation(selector).isEmpty()) return Resolution.unresolved();
        return marker(context, selector.getJavaClass(), null, null);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || segments.size() > 4 || !MarkerDescriptor.SEGMENT.equals(segments.get(1).getType())) {
            return Resolution.unresolved();
        }
        Optional<Class<?>> type = ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional();
        if (type.isEmpty() || !AnnotationSupport.isAnnotated(type.get(), AuditSuiteDirectory.class)) {
            return Resolution.unresolved();
        }
        return marker(context, type.get(), segments.size() > 2 ? segments.get(2).getValue() : null,
                segments.size() > 3 ? segments.get(3).getValue() : null);
    }

    /** The marker's container with all its files, or only {@code onlyFile} (and in it only {@code onlyCase}). */
    private Resolution marker(Context context, Class<?> type, String onlyFile, String onlyCase) {
        AuditSuiteDirectory annotation = AnnotationSupport.findAnnotation(type, AuditSuiteDirectory.class)
                .orElseThrow();
        Optional<MarkerDescriptor> found = context.addToParent(parent -> Optional.of(existingOrNew(parent, type,
                annotation.value())));
        if (found.isEmpty()) return Resolution.unresolved();
        MarkerDescriptor marker = found.get();
        Path dir = Path.of(annotation.value());
        if (!Files.isDirectory(dir)) {
            Path missing = dir.toAbsolutePath().normalize();
            AuditSuiteException e = new AuditSuiteException(missing, List.of(new SuiteProblem(missing, Position.START,
                    "", "the suite directory named by @AuditSuiteDirectory on " + type.getName() + " does not exist"
                    + " (working directory " + Path.of("").toAbsolutePath() + "); expected a directory of *.yaml"
                    + " suites")));
            UniqueId id = marker.getUniqueId().append(SuiteDescriptor.SEGMENT, annotation.value());
            if (marker.getChildren().isEmpty()) marker.addChild(nodes.broken(id, missing, e));
            return Resolution.match(Match.exact(marker));
        }
        List<String> excluded = Arrays.asList(annotation.exclude());
        Resolution last = Resolution.unresolved();
        for (Path file : SuiteFiles.in(dir)) {
            String name = file.getFileName().toString();
            if (onlyFile != null && !onlyFile.equals(name)) continue;
            if (excluded.contains(name)) {
                last = Resolution.match(Match.exact(excluded(marker, type, file)));
                continue;
            }
            last = SuiteFileResolver.select(nodes.suite(marker, file, name), onlyCase);
        }
        return onlyFile == null ? Resolution.match(Match.exact(marker)) : last;
    }

    private static MarkerDescriptor existingOrNew(TestDescriptor parent, Class<?> type, String dir) {
        UniqueId id = parent.getUniqueId().append(MarkerDescriptor.SEGMENT, type.getName());
        return parent.getChildren().stream().filter(c -> c.getUniqueId().equals(id)).map(MarkerDescriptor.class::cast)
                .findFirst().orElseGet(() -> new MarkerDescriptor(id, type, dir));
    }

    private static TestDescriptor excluded(MarkerDescriptor marker, Class<?> type, Path file) {
        String name = file.getFileName().toString();
        UniqueId id = marker.getUniqueId().append(SuiteDescriptor.SEGMENT, name);
        for (TestDescriptor child : marker.getChildren()) if (child.getUniqueId().equals(id)) return child;
        TestDescriptor skipped = new ExcludedSuiteDescriptor(id, file, "excluded by @AuditSuiteDirectory(exclude = \""
                + name + "\") on " + type.getName() + "; run it with: cdeepex audit " + file, SuiteNodes.tagsOf(file));
        marker.addChild(skipped);
        return skipped;
    }
}
