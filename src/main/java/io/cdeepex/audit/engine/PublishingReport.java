package io.cdeepex.audit.engine;

import io.cdeepex.audit.run.CaseReport;
import io.cdeepex.audit.run.CaseResult;
import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.RunConfig;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.scan.ScanResult;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

import java.util.List;

/**
 * Publishes a finished case's numbers and verdicts as JUnit report entries (JUnit XML, IDEs, the CLI's console)
 * and hands everything on to the next report (Allure).
 */
record PublishingReport(TestDescriptor descriptor, EngineExecutionListener listener, CaseReport next)
        implements CaseReport {
    @Override
    public void explained(AuditCase c, RunConfig run, List<Explanation> explanations, List<String> classNames) {
        next.explained(c, run, explanations, classNames);
    }

    @Override
    public void scanned(AuditCase c, RunConfig run, ScanResult scan) {
        next.scanned(c, run, scan);
    }

    @Override
    public void finished(CaseResult result) {
        if (!result.values().isEmpty()) {
            listener.reportingEntryPublished(descriptor, ReportEntry.from(result.values()));
        }
        listener.reportingEntryPublished(descriptor, ReportEntry.from(AuditTestEngine.VERDICTS_KEY,
                result.summary().strip()));
        next.finished(result);
    }
}
