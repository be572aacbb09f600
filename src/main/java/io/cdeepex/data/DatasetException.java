package io.cdeepex.data;

/**
 * A dataset that cannot be read as asked: a malformed file, a missing download, an unknown name, a filter or
 * spec that does not fit the data. The message names the file or name and what was expected.
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
