package io.cdeepex.audit.suite;

/** A place in a suite file: 1-based line and column, as editors count them. */
public record Position(int line, int column) {
    /** Where a problem that concerns the whole file is reported. */
    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
