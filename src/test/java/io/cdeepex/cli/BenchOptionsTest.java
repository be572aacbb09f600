package io.cdeepex.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `cdeepex bench` refuses counts it cannot run, naming the option, before it loads a model (as scan does). */
class BenchOptionsTest {

    @Test
    void aCountOutOfRangeIsAnErrorNamingTheOption() {
        CliRun singles = CliRun.of("bench", "--singles", "-1");
        assertThat(singles.exit()).isEqualTo(1);
        assertThat(singles.err()).contains("error: --singles must be at least 0, got -1").doesNotContain("\tat ");
        assertThat(singles.out()).doesNotContain("bench:");

        CliRun iterations = CliRun.of("bench", "--iterations", "0");
        assertThat(iterations.exit()).isEqualTo(1);
        assertThat(iterations.err()).contains("error: --iterations must be at least 1, got 0");
    }
}
