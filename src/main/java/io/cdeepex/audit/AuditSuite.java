package io.cdeepex.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated YAML audit suite: every model, dataset, class and region it names has been checked, so running
 * it can fail only on what it measures (or on the native runtime). Read with {@link SuiteLoader}.
 *
 * @param file   the suite file
 * @param name   the {@code suite} field, or the file name
 * @param tags   the suite-wide tags (already included in every case's tags)
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; null = the system default
 */
public record AuditSuite(Path file, String name, String description, List<String> tags, String device,
                         List<AuditCase> cases) {
    public AuditSuite {
        tags = List.copyOf(tags);
        cases = List.copyOf(cases);
    }
}
