package io.cdeepex.audit.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one suite file, so that one run reports all of them rather than the first. A file can
 * hold thousands of mistakes (a generated suite, an alias repeated everywhere): they are kept in a set, so adding
 * one costs the same however many there are, and an error lists the first {@link #MAX_LISTED} and counts the rest.
 */
final class Problems {
    static final int MAX_LISTED = 100;

    private final Path file;
    private final Set<SuiteProblem> set = new LinkedHashSet<>();

    Problems(Path file) {
        this.file = file;
    }

    Path file() { return file; }

    /** Adds a problem; the same problem twice (a suite-level mistake seen by several cases) is kept once. */
    void add(Position position, String field, String message) {
        set.add(new SuiteProblem(file, position, field, message));
    }

    boolean isEmpty() { return set.isEmpty(); }

    int count() { return set.size(); }

    /**
     * The problems of one part of the file: those whose field is {@code path} or lies under it ({@code cases[1]},
     * {@code cases[1].question.probeClass}, {@code cases[1].tags[0]}).
     */
    List<SuiteProblem> under(String path) {
        List<SuiteProblem> out = new ArrayList<>();
        for (SuiteProblem p : set) {
            String f = p.field() == null ? "" : p.field();
            if (f.equals(path) || f.startsWith(path + ".") || f.startsWith(path + "[")) out.add(p);
        }
        return out;
    }

    /** The collected problems as one error, or null when there are none. */
    AuditSuiteException toException() {
        return set.isEmpty() ? null : exception(file, new ArrayList<>(set));
    }

    /** Throws the collected problems, if any. */
    void throwIfAny() {
        if (!set.isEmpty()) throw toException();
    }

    /** An error listing at most {@link #MAX_LISTED} of the problems and counting the others. */
    static AuditSuiteException exception(Path file, List<SuiteProblem> all) {
        return new AuditSuiteException(file, all.subList(0, Math.min(all.size(), MAX_LISTED)), all.size());
    }
}
