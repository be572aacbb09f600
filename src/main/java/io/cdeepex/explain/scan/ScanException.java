package io.cdeepex.explain.scan;

/** A scan that cannot run on this input; the message names the option or input and what was expected. */
public final class ScanException extends RuntimeException {
    public ScanException(String message) { super(message); }
}
