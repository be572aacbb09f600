package io.cdeepex.cli;

import io.cdeepex.explain.SolverSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryOptionTest {

    private static RetryOption parse(String... args) {
        RetryOption option = new RetryOption();
        new CommandLine(option).parseArgs(args);
        return option;
    }

    @Test
    void unsetKeepsTheSolversDefaultAndSetChangesOnlyTheRetry() {
        SolverSettings defaults = SolverSettings.defaults();
        assertThat(parse().applyTo(defaults)).isEqualTo(defaults);
        SolverSettings off = parse("--retry-starts", "0").applyTo(defaults);
        assertThat(off.starts().retryStarts()).isZero();
        assertThat(off.toBuilder().retryStarts(defaults.starts().retryStarts()).build()).isEqualTo(defaults);
    }

    @Test
    void aNegativeCountNamesTheOption() {
        assertThatThrownBy(() -> parse("--retry-starts", "-1").applyTo(SolverSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--retry-starts")
                .hasMessageContaining("retryStarts");
    }
}
