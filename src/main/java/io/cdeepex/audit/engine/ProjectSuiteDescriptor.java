package io.cdeepex.audit.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.nio.file.Path;

/**
 * A suite file found in a project's suite folder ({@link ProjectSuites}), as build tools report it. Surefire reports
 * tests only inside a container whose source is a class, and writes one report per such container; so the suite
 * (or its one failing node, when it does not validate) sits in a container whose class source is the report name
 * {@code audits.classifier} for {@code audits/classifier.yaml}. No class of that name exists; build tools use only
 * the name. The suite node inside keeps the file as its source.
 */
final class ProjectSuiteDescriptor extends AbstractTestDescriptor implements Node<AuditExecution> {
    static final String SEGMENT = "project-suite";

    ProjectSuiteDescriptor(UniqueId id, Path file) {
        super(id, file.toString(), ClassSource.from(reportName(file)));
    }

    /** {@code <folder>.<file name without .yaml/.yml>}, with characters a report file name cannot hold replaced. */
    static String reportName(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        String name = file.getFileName().toString().replaceFirst("(?i)\\.ya?ml$", "");
        String qualified = (folder == null || folder.getFileName() == null ? "" : folder.getFileName() + ".") + name;
        return qualified.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public String getLegacyReportingName() {
        return reportName(Path.of(getDisplayName()));
    }

    @Override
    public Type getType() { return Type.CONTAINER; }
}
