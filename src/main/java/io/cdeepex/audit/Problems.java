package io.cdeepex.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one suite file, so that one run reports all of them rather than the first. */
final class Problems {
    private final Path file;
    private final List<SuiteProblem> list = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    Path file() { return file; }

    /** Adds a problem; the same problem twice (a suite-level mistake seen by several cases) is kept once. */
    void add(Position position, String field, String message) {
        SuiteProblem p = new SuiteProblem(file, position, field, message);
        if (!list.contains(p)) list.add(p);
    }

    boolean isEmpty() { return list.isEmpty(); }

    int count() { return list.size(); }

    /** Throws the collected problems, if any. */
    void throwIfAny() {
        if (!list.isEmpty()) throw new AuditSuiteException(file, list);
    }
}
