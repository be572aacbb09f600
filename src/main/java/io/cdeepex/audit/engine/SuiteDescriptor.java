package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.AuditSuite;
import io.cdeepex.audit.suite.InvalidCase;
import io.cdeepex.audit.suite.LoadedSuite;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One suite file: a container of its cases. It keeps the loaded suite, so that selectors naming different cases of
 * one file (unique ids, lines) add them to the same container without reading the file again.
 */
final class SuiteDescriptor extends AbstractTestDescriptor implements Node<AuditExecution> {
    static final String SEGMENT = "suite";
    private final AuditSuite suite;
    /** Every case's node, valid and invalid, in file order (a report reads like the file); made once. */
    private final List<TestDescriptor> cases;

    SuiteDescriptor(UniqueId id, LoadedSuite loaded) {
        super(id, loaded.suite().name(), FileSource.from(loaded.suite().file().toFile()));
        this.suite = loaded.suite();
        this.cases = caseNodes(id, loaded);
    }

    private static List<TestDescriptor> caseNodes(UniqueId id, LoadedSuite loaded) {
        AuditSuite suite = loaded.suite();
        List<Object> written = new ArrayList<>(suite.cases());
        written.addAll(loaded.invalidCases());
        written.sort(Comparator.comparingInt(SuiteDescriptor::line));
        Set<String> names = new HashSet<>();
        suite.cases().forEach(c -> names.add(c.name()));
        List<TestDescriptor> out = new ArrayList<>();
        for (Object o : written) {
            if (o instanceof AuditCase c) {
                out.add(new CaseDescriptor(id.append(CaseDescriptor.SEGMENT, c.name()), suite, c));
            } else if (o instanceof InvalidCase c) {
                // a repeated name is an invalid case's own mistake: its id says where it starts instead
                String caseId = names.add(c.name()) ? c.name() : c.name() + " (line " + c.position().line() + ")";
                out.add(new InvalidCaseDescriptor(id.append(CaseDescriptor.SEGMENT, caseId), suite.file(), c));
            }
        }
        return out;
    }

    private static int line(Object c) {
        return c instanceof AuditCase a ? a.position().line() : ((InvalidCase) c).position().line();
    }

    AuditSuite suite() { return suite; }

    /** Adds every case. */
    void addAllCases() {
        cases.forEach(this::addChild);
    }

    /** Adds the case of this unique id (last segment), if the file has it. */
    Optional<TestDescriptor> addCase(String caseId) {
        Optional<TestDescriptor> found = cases.stream()
                .filter(c -> c.getUniqueId().getLastSegment().getValue().equals(caseId)).findFirst();
        found.ifPresent(this::addChild);
        return found;
    }

    /**
     * Adds the case that the line lies in (from its first line to the line before the next case), as an IDE asks
     * when a user runs the case under the cursor; empty for a line above the first case (the suite's own fields).
     */
    Optional<TestDescriptor> addCaseAt(int line) {
        TestDescriptor at = null;
        for (TestDescriptor c : cases) {
            if (startLine(c) <= line) at = c;
        }
        Optional<TestDescriptor> found = Optional.ofNullable(at);
        found.ifPresent(this::addChild);
        return found;
    }

    private static int startLine(TestDescriptor c) {
        return c.getSource().map(s -> ((FileSource) s).getPosition().map(p -> p.getLine()).orElse(0)).orElse(0);
    }

    @Override
    public Type getType() { return Type.CONTAINER; }

    @Override
    public String getLegacyReportingName() {
        return suite.file().getFileName().toString();
    }
}
