package io.cdeepex.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A suite file that cannot run: malformed YAML, unknown or mistyped fields, or references (models, datasets,
 * classes, regions) that do not fit. Lists every problem found, each with file, line, column and field. It
 * carries no stack trace: the message is the whole story, and a trace from inside the parser would only hide it.
 */
public final class AuditSuiteException extends RuntimeException {
    private final Path file;
    private final List<SuiteProblem> problems;

    public AuditSuiteException(Path file, List<SuiteProblem> problems) {
        super(message(file, problems), null, false, false);
        if (problems.isEmpty()) throw new IllegalArgumentException("an AuditSuiteException needs at least one problem");
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() { return file; }

    public List<SuiteProblem> problems() { return problems; }

    /** The first problem (where an IDE should jump). */
    public SuiteProblem first() { return problems.get(0); }

    private static String message(Path file, List<SuiteProblem> problems) {
        if (problems.size() == 1) return "invalid audit suite " + problems.get(0).format();
        return "invalid audit suite " + file + " (" + problems.size() + " problems):\n"
                + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"));
    }
}
