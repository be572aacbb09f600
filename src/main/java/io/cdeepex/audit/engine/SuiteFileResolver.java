package io.cdeepex.audit.engine;

import org.junit.platform.commons.io.Resource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.discovery.UriSelector;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves suite files named directly: a file (what {@code cdeepex audit} and IDEs pass; with a line, the case that
 * line lies in, so an IDE can run one case), a {@code file:} URI (with {@code ?line=N} likewise), a class-path
 * resource ({@code suites/classifier.yaml} from {@code src/test/resources}), a directory of suite files, and the
 * unique id {@code [engine:cdeepex-audit]/[suite:PATH]/[case:NAME]}. Anything else — a file that is not
 * {@code *.yaml}/{@code *.yml}, an empty directory, a resource that does not exist — is unresolved (nothing found).
 */
final class SuiteFileResolver implements SelectorResolver {
    private final SuiteNodes nodes;
    private final DiscoveryIssueReporter issues;

    SuiteFileResolver(SuiteNodes nodes, DiscoveryIssueReporter issues) {
        this.nodes = nodes;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = selector.getPath();
        if (!SuiteFiles.isSuite(file)) return Resolution.unresolved();
        return suite(context, file, file.normalize().toString(), selector.getPosition());
    }

    @Override
    public Resolution resolve(UriSelector selector, Context context) {
        URI uri = selector.getUri();
        if (!"file".equalsIgnoreCase(uri.getScheme())) return Resolution.unresolved();
        Path file = Path.of(URI.create(uri.getScheme() + ":" + uri.getRawPath()));
        if (!SuiteFiles.isSuite(file)) return Resolution.unresolved();
        return suite(context, file, file.normalize().toString(), lineOf(uri.getQuery()));
    }

    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        String name = selector.getClasspathResourceName();
        if (!SuiteFiles.isSuite(Path.of(name))) return Resolution.unresolved();
        Set<? extends Resource> resources;
        try {
            resources = selector.getResources();
        } catch (RuntimeException notThere) { // JUnit throws when no resource of that name is on the class path
            return Resolution.unresolved();
        }
        Set<Match> matches = new LinkedHashSet<>();
        for (Resource resource : resources) {
            URI uri = resource.getUri();
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                // A suite inside a jar is a dependency's, and its model paths could not resolve there anyway.
                issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, "class-path resource '"
                        + name + "' is not a file (" + uri + "); the audit engine runs suites from folders such as"
                        + " src/test/resources, not from jars").source(ClasspathResourceSource.from(name)));
                continue;
            }
            Path file = Path.of(uri);
            Resolution r = suite(context, file, file.toString(), selector.getPosition());
            matches.addAll(r.getMatches());
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        List<Path> files = SuiteFiles.in(selector.getPath());
        if (files.isEmpty()) return Resolution.unresolved();
        Set<FileSelector> selectors = new LinkedHashSet<>();
        files.forEach(f -> selectors.add(DiscoverySelectors.selectFile(f.toFile())));
        return Resolution.selectors(selectors);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || segments.size() > 3) return Resolution.unresolved();
        UniqueId.Segment suite = segments.get(1);
        if (!SuiteDescriptor.SEGMENT.equals(suite.getType()) || !SuiteFiles.isSuite(Path.of(suite.getValue()))) {
            return Resolution.unresolved();
        }
        Optional<TestDescriptor> node = context.addToParent(parent ->
                Optional.of(nodes.suite(parent, Path.of(suite.getValue()), suite.getValue())));
        return node.map(d -> select(d, segments.size() == 3 ? segments.get(2).getValue() : null))
                .orElse(Resolution.unresolved());
    }

    private Resolution suite(Context context, Path file, String segment, Optional<FilePosition> position) {
        Optional<TestDescriptor> node = context.addToParent(parent -> Optional.of(nodes.suite(parent, file, segment)));
        if (node.isEmpty()) return Resolution.unresolved();
        if (position.isPresent() && node.get() instanceof SuiteDescriptor s) {
            Optional<TestDescriptor> one = s.addCaseAt(position.get().getLine());
            if (one.isPresent()) return Resolution.match(Match.exact(one.get()));
        }
        return select(node.get(), null);
    }

    /** A suite node with every case, or only the named one (unresolved when the file has no such case). */
    static Resolution select(TestDescriptor node, String caseId) {
        if (!(node instanceof SuiteDescriptor s)) return Resolution.match(Match.exact(node)); // broken: one node
        if (caseId == null) {
            s.addAllCases();
            return Resolution.match(Match.exact(s));
        }
        return s.addCase(caseId).map(c -> Resolution.match(Match.exact(c))).orElse(Resolution.unresolved());
    }

    /** The line of a URI query {@code line=N} (as {@code DiscoverySelectors.selectUri} writes file positions). */
    private static Optional<FilePosition> lineOf(String query) {
        return query == null ? Optional.empty() : FilePosition.fromQuery(query);
    }
}
