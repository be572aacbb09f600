package io.cdeepex.audit.suite;

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
    private final int total;

    public AuditSuiteException(Path file, List<SuiteProblem> problems) {
        this(file, problems, problems.size());
    }

    /**
     * @param problems the problems listed (the first ones of the file)
     * @param total    how many the file has; those beyond the listed ones are counted in the message
     */
    public AuditSuiteException(Path file, List<SuiteProblem> problems, int total) {
        super(message(file, problems, total), null, false, false);
        if (problems.isEmpty()) throw new IllegalArgumentException("an AuditSuiteException needs at least one problem");
        this.file = file;
        this.problems = List.copyOf(problems);
        this.total = Math.max(total, problems.size());
    }

    public Path file() { return file; }

    /** The problems listed (at most the first hundred of a file; {@link #total()} counts them all). */
    public List<SuiteProblem> problems() { return problems; }

    public int total() { return total; }

    /** The first problem (where an IDE should jump). */
    public SuiteProblem first() { return problems.get(0); }

    private static String message(Path file, List<SuiteProblem> problems, int total) {
        if (total <= 1) return "invalid audit suite " + problems.get(0).format();
        String more = total > problems.size()
                ? "\n  … and " + (total - problems.size()) + " more problems, not listed" : "";
        return "invalid audit suite " + file + " (" + total + " problems):\n"
                + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n")) + more;
    }
}
