package io.cdeepex.cli;

import io.cdeepex.explain.SolverSettings;
import picocli.CommandLine.Option;

/** How z0 is searched (Procedure 2), shared by the commands that invert images: {@code explain}, {@code evaluate}. */
final class InversionOptions {
    @Option(names = "--inversion-starts", paramLabel = "N",
            description = "Random starts of the inversion besides the encoder's (default: the solver's, 0; a generator"
                    + " without an encoder gets at least 1); raise it for those, such as a WGAN")
    Integer starts;

    @Option(
            names = "--inversion-steps",
            paramLabel = "N",
            description = "Adam steps of the inversion fit (default: the solver's)")
    Integer steps;

    /** The settings with these options applied; a bad value is an error naming the options. */
    SolverSettings applyTo(SolverSettings settings) {
        if (starts == null && steps == null) {
            return settings;
        }
        SolverSettings.Builder b = settings.toBuilder();
        if (starts != null) b.inversionStarts(starts);
        if (steps != null) b.inversionSteps(steps);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--inversion-starts / --inversion-steps: " + e.getMessage(), e);
        }
    }
}
