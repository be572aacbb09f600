package io.cdeepex.audit.run;

import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.AuditSuite;
import io.cdeepex.audit.suite.RunConfig;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.report.AllureAttachments;
import io.cdeepex.report.ClassLabels;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.util.ResultsUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts a case into the Allure report: suite labels, the case's YAML, a summary grid of each run's explanations,
 * the measured numbers as parameters and the verdicts as text. Allure's JUnit Platform listener starts a test
 * result for every test of any engine on the thread that reports it, so this engine's thread owns the case's
 * result; the report checks that the current Allure test really is this case (by its JUnit unique id) before
 * touching it, so a suite run nested inside another test never writes into that test.
 */
public final class AllureCaseReport implements CaseReport {
    private static final String UNIQUE_ID_LABEL = "junit.platform.uniqueid";
    private final boolean active;
    /** Each run's explanations by its description, for the side-by-side grid of a gate's two runs. */
    private final Map<String, List<Explanation>> runs = new LinkedHashMap<>();
    private List<String> classNames = List.of();

    public AllureCaseReport(String uniqueId, AuditSuite suite, AuditCase c) {
        this.active = isCurrent(uniqueId);
        if (!active) return;
        Allure.getLifecycle().updateTestCase(r -> {
            r.getLabels().add(ResultsUtils.createParentSuiteLabel("YAML audit suites"));
            r.getLabels().add(ResultsUtils.createSuiteLabel(suite.name()));
            r.getLabels().add(new Label().setName("subSuite").setValue(suite.file().getFileName().toString()));
            r.setFullName(suite.file() + ":" + c.position().line());
            if (c.description() != null) r.setDescription(c.description());
        });
        AllureAttachments.attachText("case " + c.name() + " (" + suite.file().getFileName() + " line "
                + c.position().line() + ")", c.source());
    }

    /** Whether Allure's current test on this thread is the test with this JUnit unique id. */
    static boolean isCurrent(String uniqueId) {
        if (!AllureAttachments.active()) return false;
        AtomicBoolean ours = new AtomicBoolean();
        Allure.getLifecycle().updateTestCase(r -> ours.set(r.getLabels().stream()
                .anyMatch(l -> UNIQUE_ID_LABEL.equals(l.getName()) && uniqueId.equals(l.getValue()))));
        return ours.get();
    }

    @Override
    public void explained(AuditCase c, RunConfig run, List<Explanation> explanations, List<String> classNames) {
        if (!active) return;
        String title = (run.role() == null ? "" : run.role() + ": ") + run.describe() + ", " + c.question();
        AllureAttachments.attachSummary(title, explanations, ClassLabels.of(classNames));
        runs.put(run.describe(), explanations);
        this.classNames = classNames;
    }

    @Override
    public void scanned(AuditCase c, RunConfig run, ScanResult scan) {
        if (!active) return;
        AllureAttachments.attachScan(scan);
    }

    @Override
    public void finished(CaseResult result) {
        if (!active) return;
        Allure.getLifecycle().updateTestCase(r -> result.values().forEach((name, value) ->
                r.getParameters().add(new Parameter().setName(name).setValue(value).setExcluded(true))));
        if (runs.size() >= 2) { // a gate: the same questions answered by both sides, row by row (paper Fig. 3 style)
            AllureAttachments.attachComparison("side by side: " + String.join(" | ", runs.keySet()), runs,
                    ClassLabels.of(classNames));
        }
        AllureAttachments.attachText("verdicts", result.summary());
    }
}
