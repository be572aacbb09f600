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

    @Test
    void theAnswersSearchOptionsNeedTheArtefactPathAndAValidCombination() {
        String[] path = {"--classifier", "mnist-biased8", "--dataset", "mnist-samples", "--artefact-path",
                "--generator", "mnist-vae-square-anywhere", "--plant", "square:class=8,x=0,y=0,size=6,value=0.5"};
        assertThatThrownBy(() -> parse("--classifier", "mnist-biased8", "--dataset", "mnist-samples",
                "--search-starts", "2").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add --artefact-path");
        assertThatThrownBy(() -> parse(concat(path, "--artefact-path-starts", "1")).call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--search-starts / --artefact-path-starts").hasMessageContaining("searchStarts");
        assertThatThrownBy(() -> parse(concat(path, "--search-starts", "0")).call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--search-starts / --artefact-path-starts").hasMessageContaining(">= 1");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
