package io.cdeepex.explain;

import java.util.List;
import java.util.stream.Collectors;

/** Solver settings out of their ranges: every problem, each naming its setting, so that callers can point at it. */
public final class InvalidSolverSettingsException extends IllegalArgumentException {
    private final transient List<SolverSetting.Problem> problems;

    InvalidSolverSettingsException(List<SolverSetting.Problem> problems) {
        super(problems.stream().map(SolverSetting.Problem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    static void throwIfAny(List<SolverSetting.Problem> problems) {
        if (!problems.isEmpty()) throw new InvalidSolverSettingsException(problems);
    }

    public List<SolverSetting.Problem> problems() { return problems; }
}
