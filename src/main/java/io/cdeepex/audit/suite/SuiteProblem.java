package io.cdeepex.audit.suite;

import java.nio.file.Path;

/**
 * One thing wrong with a suite file: where (file, line, column), which field (a path such as
 * {@code cases[1].question.probe}) and what was expected.
 */
public record SuiteProblem(Path file, Position position, String field, String message) {

    /** {@code audits/x.yaml: line 12, column 14: field 'cases[0].question.probe': ...}. */
    public String format() {
        return file + ": " + position + (field == null || field.isEmpty() ? "" : ": field '" + field + "'") + ": "
                + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
