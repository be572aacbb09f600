package io.cdeepex.audit.run;

import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.RunConfig;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.scan.ScanResult;

import java.util.List;

/** Where a running case puts what it found besides its verdict: pictures and numbers for the report. */
public interface CaseReport {
    /** Called after each run's explanations are known (also when they came from the session's cache). */
    void explained(AuditCase c, RunConfig run, List<Explanation> explanations, List<String> classNames);

    /** Called after a scan case's scan finished. */
    void scanned(AuditCase c, RunConfig run, ScanResult scan);

    /** Called once the case is judged, before a failure is thrown. */
    void finished(CaseResult result);
}
