package io.cdeepex.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option checks of {@code evaluate} that fail before any model or dataset is loaded. */
class EvaluateCommandTest {

    private static EvaluateCommand parse(String... args) {
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theArtefactPathNeedsAGeneratorAndAnArtefactWithAClass() {
        String needs = "--artefact-path needs --generator and a --plant that names the artefact's class";
        assertThatThrownBy(() -> parse("--classifier", "mnist-biased8", "--dataset", "mnist-samples", "--artefact-path",
                "--plant", "square:class=8,x=0,y=0,size=6,value=0.5").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(needs);
        assertThatThrownBy(() -> parse("--classifier", "mnist-biased8", "--dataset", "mnist-samples", "--artefact-path",
                "--generator", "mnist-vae-square-anywhere", "--plant", "square:x=0,y=0,size=6,value=0.5").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(needs);
        assertThatThrownBy(() -> parse("--classifier", "mnist-biased8", "--dataset", "mnist-samples", "--artefact-path",
                "--generator", "mnist-vae-square-anywhere").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(needs);
    }
}
