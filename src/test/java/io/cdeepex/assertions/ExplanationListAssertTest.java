package io.cdeepex.assertions;

import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Region;
import io.cdeepex.metrics.Measure;
import io.cdeepex.metrics.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cdeepex.metrics.HandBuilt.after;
import static io.cdeepex.metrics.HandBuilt.explanation;
import static io.cdeepex.metrics.HandBuilt.map;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The list assertion on hand-built explanations: AssertJ's navigation keeps the domain assertions, and a failing
 * rate names the offenders. a and c satisfy their constraints, b does not and has a third class winning.
 */
class ExplanationListAssertTest {
    private static final Explanation A = explanation("a", after(0.15f, 0.45f, 0.40f, 0f), true, map(0, 0, 1));
    private static final Explanation B = explanation("b", after(0.5f, 0.2f, 0.3f, 0f), false, map(3, 3, 1));
    private static final Explanation C = explanation("c", after(0.1f, 0.5f, 0.35f, 0.05f), true, map(1, 0, 1));
    private static final List<Explanation> ABC = List.of(A, B, C);
    private static final Region TOP_ROW = new Region(0, 0, 4, 1);

    @Test
    void navigationKeepsTheDomainAssertions() {
        AuditAssertions.assertThat(ABC).hasSize(3).filteredOn(Explanation::satisfied).hasSize(2)
                .satisfiesAllConstraintsInAtLeast(1.0).hasMaximumInsideInAtLeast(TOP_ROW, 1.0);
        AuditAssertions.assertThat(ABC).element(0).hasTrueAndProbeOnTop().hasNoThirdClassWinning();
        AuditAssertions.assertThat(ABC).last().satisfiesAllConstraints();

        assertThatThrownBy(() -> AuditAssertions.assertThat(ABC).element(1).hasNoThirdClassWinning())
                .hasMessageContaining("Expecting no third class to beat both 1 and 2 at the solution of"
                        + " b [cdeepex] 1->2, but class 0 wins with 0.500");
        assertThatThrownBy(() -> AuditAssertions.assertThat(ABC).as("bias audit").filteredOn(e -> e != A)
                .satisfiesAllConstraintsInAtLeast(1.0))
                .hasMessageStartingWith("[bias audit] Expecting at least 100.0% of 2 explanations");
    }

    @Test
    void aFailingRateSaysExpectedMeasuredAndListsTheOffenders() {
        assertThatThrownBy(() -> AuditAssertions.assertThat(ABC).hasThirdClassWinningInAtMost(0.0))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting at most 0.0% of 3 explanations to have a third class winning, but 1 (33.3%) did"
                        + " (threshold 0.000). Third class winning (1):" + System.lineSeparator()
                        + "  - b [cdeepex] 1->2: p(1) 0.700 -> 0.200, p(2) 0.100 -> 0.300, strongest other 0.500");
        assertThatThrownBy(() -> AuditAssertions.assertThat(ABC).hasAtLeast(
                Measure.inRegion(Metric.RED_MAXIMUM_IN_REGION_RATE, TOP_ROW), 0.9))
                .hasMessageContaining("but 2 (66.7%) did (threshold 0.900). Largest red value outside (1):")
                .hasMessageContaining("  - b [cdeepex] 1->2: at column 3, row 3");
    }

    @Test
    void anyMetricOfTheCoreCanBeBounded() {
        AuditAssertions.assertThat(ABC)
                .hasAtLeast(Measure.of(Metric.SATISFACTION_RATE), 2.0 / 3)
                .hasAtMost(Measure.of(Metric.SATISFACTION_RATE), 2.0 / 3)
                .hasAtMost(Measure.inRegion(Metric.BLUE_MASS_FRACTION, TOP_ROW), 0.0);
        assertThatThrownBy(() -> AuditAssertions.assertThat(ABC).hasAtLeast(Measure.of(Metric.ACCURACY), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a classifier metric");
    }
}
