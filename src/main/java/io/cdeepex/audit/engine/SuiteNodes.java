package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.AuditSuiteException;
import io.cdeepex.audit.suite.DeclaredTags;
import io.cdeepex.audit.suite.Position;
import io.cdeepex.audit.suite.SuiteLoader;
import io.cdeepex.audit.suite.SuiteProblem;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the node of a suite file for the selector resolvers: a {@link SuiteDescriptor} when its file-level parts are
 * valid, else one {@link BrokenSuiteDescriptor} (also reported as a discovery issue at the file). A file is read
 * once per parent: a second selector of the same file finds the node already there.
 */
final class SuiteNodes {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteNodes.class);
    private final SuiteLoader loader;
    private final DiscoveryIssueReporter issues;

    SuiteNodes(SuiteLoader loader, DiscoveryIssueReporter issues) {
        this.loader = loader;
        this.issues = issues;
    }

    /** The node of {@code file} under {@code parent}, id segment {@code [suite:segment]}, added to the parent. */
    TestDescriptor suite(TestDescriptor parent, Path file, String segment) {
        UniqueId id = parent.getUniqueId().append(SuiteDescriptor.SEGMENT, segment);
        for (TestDescriptor child : parent.getChildren()) {
            if (child.getUniqueId().equals(id)) return child;
        }
        TestDescriptor node = load(id, file);
        parent.addChild(node);
        return node;
    }

    private TestDescriptor load(UniqueId id, Path file) {
        try {
            return new SuiteDescriptor(id, loader.loadEachCase(file));
        } catch (AuditSuiteException e) {
            return broken(id, file, e);
        } catch (RuntimeException e) {
            // A bug or an unexpected runtime error while loading: still one failing node, never a lost engine.
            LOG.warn("could not load audit suite {}", file, e);
            return broken(id, file, new AuditSuiteException(file, List.of(new SuiteProblem(file, Position.START, "",
                    "could not be loaded: " + e))));
        }
    }

    /** A failing node for a file that cannot run, reported as a discovery issue as well. */
    TestDescriptor broken(UniqueId id, Path file, AuditSuiteException e) {
        issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, e.getMessage())
                .source(FileSource.from(file.toFile())));
        return new BrokenSuiteDescriptor(id, e, tagsOf(file));
    }

    /** Best effort: the tags a suite file declares even when it does not validate, for its failing node. */
    static Set<TestTag> tagsOf(Path file) {
        Set<TestTag> tags = new LinkedHashSet<>();
        for (String t : DeclaredTags.in(file)) if (TestTag.isValid(t)) tags.add(TestTag.create(t));
        return tags;
    }
}
