package io.cdeepex.audit.run;

import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.AuditSuite;

/** A case that could not be run to its verdict (a model that does not load, a native error): names the case. */
public final class AuditRunException extends RuntimeException {
    public AuditRunException(AuditSuite suite, AuditCase c, RuntimeException cause) {
        super(suite.file() + ": " + c.position() + ": case '" + c.name() + "' could not run: "
                + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }
}
