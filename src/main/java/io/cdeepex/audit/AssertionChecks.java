package io.cdeepex.audit;

import ai.djl.Device;
import io.cdeepex.assertions.AuditAssertions;
import io.cdeepex.assertions.RegressionGate;

import java.util.Optional;

/**
 * The bridge to {@link AuditAssertions}: where the assertion layer has an assertion for a suite's bound (e.g.
 * {@code satisfactionRate: {atLeast: 0.95}} is {@code satisfiesAllConstraintsInAtLeast(0.95)}), that assertion
 * judges it — one rule for Java tests and YAML suites — and its failure message, which lists the offending images,
 * goes into the case's verdict. Bounds it has no assertion for (e.g. {@code atMost} on a satisfaction rate) are
 * judged by {@link Verdict} alone; gates with a tolerance are judged by {@link RegressionGate}.
 */
final class AssertionChecks {
    private AssertionChecks() {}

    /** One bound as the assertion layer judged it: passed, or failed with its message. */
    record Judged(boolean passed, String message) {}

    /**
     * The assertion layer's verdict on an {@code atLeast} ({@code lowerBound}) or {@code atMost} bound, or empty
     * where it offers no assertion for that metric and direction.
     */
    static Optional<Judged> judge(Expectation x, boolean lowerBound, double bound, CaseRunner.Measured m, Device device) {
        Runnable check = assertion(x, lowerBound, bound, m, device);
        if (check == null) return Optional.empty();
        try {
            check.run();
            return Optional.of(new Judged(true, null));
        } catch (AssertionError e) {
            return Optional.of(new Judged(false, e.getMessage()));
        }
    }

    private static Runnable assertion(Expectation x, boolean lower, double bound, CaseRunner.Measured m, Device device) {
        return switch (x.metric()) {
            case SATISFACTION_RATE -> lower
                    ? () -> AuditAssertions.assertThat(m.explanations()).satisfiesAllConstraintsInAtLeast(bound) : null;
            case TRUE_AND_PROBE_ON_TOP_RATE -> lower
                    ? () -> AuditAssertions.assertThat(m.explanations()).hasTrueAndProbeOnTopInAtLeast(bound) : null;
            case THIRD_CLASS_WINS_RATE -> lower
                    ? null : () -> AuditAssertions.assertThat(m.explanations()).hasThirdClassWinningInAtMost(bound);
            case RED_MASS_FRACTION -> lower
                    ? () -> AuditAssertions.assertThat(m.explanations()).hasMeanRedMassFractionInside(x.region(), bound) : null;
            case RED_MAXIMUM_IN_REGION_RATE -> lower
                    ? () -> AuditAssertions.assertThat(m.explanations()).hasMaximumInsideInAtLeast(x.region(), bound) : null;
            case ARTEFACT_ADDED_RATE -> lower
                    ? () -> AuditAssertions.assertThat(m.explanations()).addsArtefactInAtLeast(x.plant(), bound) : null;
            case PROBABILITY_MOVED_RATE -> lower && x.minShift() == 0
                    ? () -> AuditAssertions.assertThat(m.explanations()).movedProbabilityInAtLeast(bound) : null;
            case ACCURACY -> lower
                    ? () -> AuditAssertions.assertThat(m.classifier()).on(m.images(), device).hasAccuracyAtLeast(bound) : null;
            case RECALL -> lower
                    ? () -> AuditAssertions.assertThat(m.classifier()).on(m.images(), device).hasRecallAtLeast(x.classIndex(), bound)
                    : () -> AuditAssertions.assertThat(m.classifier()).on(m.images(), device).hasRecallAtMost(x.classIndex(), bound);
            case PLANTED_RATE -> lower
                    ? () -> AuditAssertions.assertThat(m.classifier()).on(m.images(), device).withPlant(x.plant())
                            .hasPlantedRateAtLeast(bound)
                    : () -> AuditAssertions.assertThat(m.classifier()).on(m.images(), device).withPlant(x.plant())
                            .hasPlantedRateAtMost(bound);
            case BLUE_MASS_FRACTION, BLUE_MAXIMUM_IN_REGION_RATE -> null;
        };
    }

    /** Whether a gate with a tolerance passes, by {@link RegressionGate}'s rule (NaN values never pass). */
    static boolean gatePasses(Expectation x, double baseline, double candidate) {
        if (!Double.isFinite(baseline) || !Double.isFinite(candidate)) return false;
        return RegressionGate.compare(x.describe(), baseline, candidate, x.tolerance(), x.higherIsBetter()).passed();
    }
}
