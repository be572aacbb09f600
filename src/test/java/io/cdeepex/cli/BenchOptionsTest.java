package io.cdeepex.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `cdeepex bench` refuses counts it cannot run, naming the option, before it loads a model. */
class BenchOptionsTest {

    @Test
    void aNegativeCountIsAUsageErrorNamingTheOption() {
        CliRun singles = CliRun.of("bench", "--singles", "-1");
        assertThat(singles.exit()).isEqualTo(2);
        assertThat(singles.err()).contains("option --singles is -1; expected an integer >= 0").doesNotContain("\tat ");
        assertThat(singles.out()).doesNotContain("bench:");

        CliRun iterations = CliRun.of("bench", "--iterations", "0");
        assertThat(iterations.exit()).isEqualTo(2);
        assertThat(iterations.err()).contains("option --iterations is 0; expected an integer >= 1");
    }
}
