package io.cdeepex.audit.suite;

import io.cdeepex.explain.Region;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated YAML audit suite: every model, dataset, class and region it names has been checked, so running
 * it can fail only on what it measures (or on the native runtime). Read with {@link SuiteLoader}.
 *
 * @param file   the suite file
 * @param name   the {@code suite} field, or the file name
 * @param tags   the suite-wide tags (already included in every case's tags)
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; null = the system default
 * @param regions the suite's named regions (in order), whose red and blue mass every explaining case reports
 */
public record AuditSuite(Path file, String name, String description, List<String> tags, String device,
                         Map<String, Region> regions, List<AuditCase> cases) {
    public AuditSuite {
        tags = List.copyOf(tags);
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        cases = List.copyOf(cases);
    }
}
