package io.cdeepex.cli;

import io.qameta.allure.junitplatform.AllureJunitPlatform;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Passes the launcher's events on to the report listeners and, when the JVM shuts down before the run ends (Ctrl-C,
 * SIGTERM), finishes the reports itself: the case that was running is recorded as interrupted, every case not yet
 * started as not run, the JUnit XML is written, and {@code INTERRUPTED.txt} beside it says what happened. Events
 * that arrive after that are dropped, so the reports keep the interruption rather than a verdict of a half-run case.
 */
final class InterruptibleAuditRun implements TestExecutionListener {
    static final String NOT_RUN = "not run: the audit was interrupted";

    private final List<TestExecutionListener> reports;
    private final Path note;
    private final PrintWriter err;
    private final Set<TestIdentifier> running = new LinkedHashSet<>();
    private final Set<String> ended = new LinkedHashSet<>();
    private final Map<String, String> verdicts = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::interrupt, "cdeepex-audit-interrupted");
    private TestPlan plan;
    private boolean closed;

    InterruptibleAuditRun(List<TestExecutionListener> reports, Path note, PrintWriter err) {
        this.reports = List.copyOf(reports);
        this.note = note;
        this.err = err;
    }

    /** Starts watching for a shutdown of the JVM; {@link #close()} stops watching. */
    InterruptibleAuditRun watch() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it owns the reports now
        }
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        if (closed) return;
        plan = testPlan;
        reports.forEach(l -> l.testPlanExecutionStarted(testPlan));
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (closed) return;
        closed = true;
        reports.forEach(l -> l.testPlanExecutionFinished(testPlan));
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (closed) return;
        running.add(id);
        reports.forEach(l -> l.executionStarted(id));
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (closed) return;
        ended.add(id.getUniqueId());
        verdicts.put(id.getUniqueId(), "skipped");
        reports.forEach(l -> l.executionSkipped(id, reason));
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (closed) return;
        running.remove(id);
        ended.add(id.getUniqueId());
        boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        verdicts.put(id.getUniqueId(), passed ? "passed" : "failed");
        reports.forEach(l -> l.executionFinished(id, result));
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (closed) return;
        reports.forEach(l -> l.reportingEntryPublished(id, entry));
    }

    /** Runs in the shutdown hook: records the interruption in every report and in the note. */
    private synchronized void interrupt() {
        if (closed) return;
        if (plan == null) { // stopped while the suites were being read: no case to record, but say so
            closed = true;
            writeNote(List.of(), List.of("no case had started"));
            err.printf("%ninterrupted: the audit stopped before any case started; see %s%n", note.toAbsolutePath());
            err.flush();
            return;
        }
        // The running case is failed, not aborted, and its open suites end as successful: JUnit's XML report shows
        // every case under an aborted suite as skipped and every case under a failed one as failed, the finished
        // ones too. The cases carry the interruption. The XML is written when the engine's root node finishes.
        List<TestExecutionListener> listeners = forThisThread();
        List<String> unfinished = new ArrayList<>();
        for (TestIdentifier id : List.copyOf(running)) {
            if (!id.isTest()) continue;
            unfinished.add("interrupted: " + id.getDisplayName());
            TestExecutionResult interrupted = TestExecutionResult.failed(new AuditInterruptedException(
                    "interrupted: the audit was stopped while this case ran"));
            listeners.forEach(l -> l.executionFinished(id, interrupted));
        }
        List<TestIdentifier> notRun = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (id.isTest() && !ended.contains(id.getUniqueId()) && !running.contains(id)) notRun.add(id);
            }
        }
        for (TestIdentifier id : notRun) {
            unfinished.add("not run: " + id.getDisplayName());
            listeners.forEach(l -> l.executionSkipped(id, NOT_RUN));
        }
        List<TestIdentifier> suites = new ArrayList<>(running);
        for (int i = suites.size() - 1; i >= 0; i--) { // innermost first
            TestIdentifier id = suites.get(i);
            if (!id.isTest()) listeners.forEach(l -> l.executionFinished(id, TestExecutionResult.successful()));
        }
        listeners.forEach(l -> l.testPlanExecutionFinished(plan));
        closed = true;
        List<String> done = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                String v = verdicts.get(id.getUniqueId());
                if (id.isTest() && v != null) done.add(v + ": " + id.getDisplayName());
            }
        }
        writeNote(done, unfinished);
        err.printf("%ninterrupted: the audit stopped before it finished; %d case(s) finished, %d interrupted or not"
                + " run; see %s%n", done.size(), unfinished.size(), note.toAbsolutePath());
        err.flush();
    }

    /**
     * The report listeners as this (the hook's) thread must call them: Allure's listener keeps the test plan and its
     * open cases per thread, so here it is a new one on the same lifecycle, told of the plan and of the running case.
     */
    private List<TestExecutionListener> forThisThread() {
        List<TestExecutionListener> listeners = new ArrayList<>();
        for (TestExecutionListener l : reports) {
            if (l instanceof AllureJunitPlatform allure) {
                AllureJunitPlatform here = new AllureJunitPlatform(allure.getLifecycle());
                here.testPlanExecutionStarted(plan);
                running.stream().filter(TestIdentifier::isTest).forEach(here::executionStarted);
                listeners.add(here);
            } else {
                listeners.add(l);
            }
        }
        return listeners;
    }

    private void writeNote(List<String> done, List<String> unfinished) {
        List<String> text = new ArrayList<>();
        text.add("This audit run was interrupted (the process was asked to stop) before every case had finished.");
        text.add("Its JUnit XML and Allure results hold the finished cases, the interrupted case and the ones not"
                + " run.");
        text.add("");
        text.addAll(done);
        text.addAll(unfinished);
        try {
            Files.write(note, text);
        } catch (IOException e) {
            err.println("warning: could not write " + note + " (" + OutputPaths.reason(e) + ")");
        }
    }

    /** Why a case has no verdict: the run was stopped while it ran. */
    static final class AuditInterruptedException extends RuntimeException {
        AuditInterruptedException(String message) {
            super(message, null, false, false);
        }
    }
}
