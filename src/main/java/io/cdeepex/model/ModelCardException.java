package io.cdeepex.model;

import java.nio.file.Path;

/** A model directory or card that cannot be used; the message names the file and the field. */
public final class ModelCardException extends RuntimeException {
    private final Path file;
    private final String field;

    public ModelCardException(Path file, String field, String problem) {
        super(file + (field == null ? "" : ": field '" + field + "'") + ": " + problem);
        this.file = file;
        this.field = field;
    }

    public ModelCardException(Path file, String field, String problem, Throwable cause) {
        this(file, field, problem);
        initCause(cause);
    }

    public Path file() { return file; }

    /** The offending field, or null when the problem is the file as a whole. */
    public String field() { return field; }
}
