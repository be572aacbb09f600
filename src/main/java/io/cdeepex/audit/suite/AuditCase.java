package io.cdeepex.audit.suite;

import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.metrics.Metric;

import java.util.List;

/**
 * One case of a suite, run as one test.
 *
 * @param name         the test name (unique in its file)
 * @param position     where the case starts in the file
 * @param tags         the suite's tags plus the case's own, as JUnit tags
 * @param question     the contrastive question, or null when the case has only classifier or scan metrics
 * @param scan         how to scan the classifier ({@code scan:}), or null when the case is not a scan
 * @param runs         one run, or baseline and candidate for a regression gate
 * @param source       the case's lines of YAML, attached to the report
 */
public record AuditCase(String name, Position position, String description, List<String> tags, QuestionSpec question,
                        ScanSettings scan, List<RunConfig> runs, List<Expectation> expectations, String source) {
    public AuditCase {
        tags = List.copyOf(tags);
        runs = List.copyOf(runs);
        expectations = List.copyOf(expectations);
    }

    public boolean isGate() {
        return runs.size() == 2;
    }

    /** Whether any expectation needs explanations (and so a generator and a question). */
    public boolean needsExplanations() {
        return expectations.stream().anyMatch(e -> e.metric().source() == Metric.Source.EXPLANATIONS);
    }
}
