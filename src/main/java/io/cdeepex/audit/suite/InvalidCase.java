package io.cdeepex.audit.suite;

import java.util.List;

/**
 * A case of a suite that cannot run, while the rest of its file can: it is reported as its own failing test.
 *
 * @param name     the case's name, or its path ({@code cases[2]}) when it has no usable name
 * @param position where the case starts in the file
 * @param tags     the suite's tags plus the case's own valid ones, so tag filters still select it
 * @param error    the case's problems, each with line, column and field
 */
public record InvalidCase(String name, Position position, List<String> tags, AuditSuiteException error) {
    public InvalidCase {
        tags = List.copyOf(tags);
    }
}
