package io.cdeepex.cli;

import io.cdeepex.explain.SolverSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InversionOptionsTest {

    private static InversionOptions parse(String... args) {
        InversionOptions options = new InversionOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void unsetOptionsKeepTheSolversDefaults() {
        SolverSettings defaults = SolverSettings.defaults();
        assertThat(parse().applyTo(defaults)).isEqualTo(defaults);
    }

    @Test
    void setOptionsChangeOnlyTheInversion() {
        SolverSettings s =
                parse("--inversion-starts", "8", "--inversion-steps", "40").applyTo(SolverSettings.defaults());
        assertThat(s.inversion().starts()).isEqualTo(8);
        assertThat(s.inversion().steps()).isEqualTo(40);
        assertThat(s.toBuilder().inversionStarts(SolverSettings.defaults().inversion().starts())
                .inversionSteps(SolverSettings.defaults().inversion().steps()).build())
                .isEqualTo(SolverSettings.defaults());
    }

    @Test
    void aBadValueIsAnErrorNamingTheOptionAndTheSetting() {
        assertThatThrownBy(() -> parse("--inversion-starts", "-1").applyTo(SolverSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--inversion-starts")
                .hasMessageContaining("inversionStarts");
    }

    @Test
    void aCountIsQuotedAsTheIntegerTheUserTyped() {
        assertThatThrownBy(() -> parse("--inversion-starts", "-1").applyTo(SolverSettings.defaults()))
                .hasMessageEndingWith("got -1");
    }
}
