package io.cdeepex.junit;

import io.cdeepex.explain.Explanation;
import io.cdeepex.report.AllureAttachments;
import io.cdeepex.report.ClassLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * The listener of injected explainers: attaches every computed explanation to the Allure report of the test
 * running on the calling thread — a summary grid first when the batch holds several, then each explanation's
 * pictures, trace and JSON (a single explanation also gets its numbers as parameters). Reporting never fails an
 * audit: problems are logged. Outside a running test nothing is attached.
 */
final class AllureReporting implements Consumer<List<Explanation>> {
    private static final Logger LOG = LoggerFactory.getLogger(AllureReporting.class);

    private final String models;
    private final ClassLabels labels;

    AllureReporting(String models, List<String> classNames) {
        this.models = models;
        this.labels = ClassLabels.of(classNames);
    }

    @Override
    public void accept(List<Explanation> explanations) {
        if (explanations.isEmpty() || !AllureAttachments.active()) return;
        try {
            if (explanations.size() == 1) {
                AllureAttachments.attach(explanations.get(0), labels);
                AllureAttachments.recordParameters(explanations.get(0), labels);
                return;
            }
            AllureAttachments.attachSummary(title(explanations), explanations, labels);
            for (Explanation e : explanations) AllureAttachments.attach(e, labels);
        } catch (RuntimeException e) {
            LOG.warn("could not attach {} explanation(s) of {} to the Allure report: {}", explanations.size(), models,
                    e.toString());
        }
    }

    /** e.g. "cdeepex, mnist-biased8 + mnist-vae-biased8: 16 explanations, 15 satisfy all constraints". */
    String title(List<Explanation> explanations) {
        long satisfied = explanations.stream().filter(Explanation::satisfied).count();
        return explanations.get(0).method().id() + ", " + models + ": " + explanations.size() + " explanations, "
                + satisfied + " satisfy all constraints";
    }
}
