package io.cdeepex.audit;

import io.cdeepex.explain.Explanation;

import java.util.List;

/** Where a running case puts what it found besides its verdict: pictures and numbers for the report. */
interface CaseReport {
    /** Called after each run's explanations are known (also when they came from the session's cache). */
    void explained(AuditCase c, RunConfig run, List<Explanation> explanations, List<String> classNames);

    /** Called once the case is judged, before a failure is thrown. */
    void finished(CaseResult result);
}
