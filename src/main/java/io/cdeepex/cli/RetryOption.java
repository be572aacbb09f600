package io.cdeepex.cli;

import io.cdeepex.explain.SolverSettings;
import picocli.CommandLine.Option;

/** The solver's second round for unanswered questions, shared by the commands that search: explain, scan. */
final class RetryOption {
    @Option(names = "--retry-starts", paramLabel = "N",
            description = "Starts of the second search for a question no search start answered (default: the "
                    + "solver's, 3; 0 = off): where walks from z0 first tie the two classes, then z0 + noise")
    Integer starts;

    /** The settings with this option applied; a bad value is an error naming the option. */
    SolverSettings applyTo(SolverSettings settings) {
        if (starts == null) return settings;
        try {
            return settings.toBuilder().retryStarts(starts).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--retry-starts: " + e.getMessage(), e);
        }
    }
}
