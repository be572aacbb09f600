package io.cdeepex.cli;

import io.cdeepex.model.ModelRepository;
import io.cdeepex.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cdeepex evaluate} on a classifier whose card is broken: a non-zero exit and a message naming the card. */
class EvaluateBadModelCardTest {

    private record Run(int exit, String out, String err) {}

    private static Run evaluate(Path models, String classifier) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String root = System.getProperty(ModelRepository.PROPERTY);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setProperty(ModelRepository.PROPERTY, models.toString());
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run("evaluate", "--classifier", classifier, "--dataset", "mnist-samples", "--limit", "3");
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            if (root == null) System.clearProperty(ModelRepository.PROPERTY);
            else System.setProperty(ModelRepository.PROPERTY, root);
        }
    }

    @Test
    void aMisspeltGeneratorInTheCardFailsEvaluateEvenWithoutAGeneratorOption(@TempDir Path models) throws IOException {
        TestModels.copy("tiny-gen", models.resolve("tiny-gen"));
        Path card = TestModels.copy("tiny-cnn", models.resolve("cnn")).resolve("model.yaml");
        Files.writeString(card, "generator: tiny-gne\n", StandardOpenOption.APPEND);

        Run run = evaluate(models, "cnn");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("accuracy");
        assertThat(run.err()).contains("error: " + card + ": field 'generator': names 'tiny-gne' but ",
                "did you mean 'tiny-gen'? generators next to it: [tiny-gen]");
    }

    @Test
    void theSameCardWithItsGeneratorSpeltRightEvaluates(@TempDir Path models) throws IOException {
        TestModels.copy("tiny-gen", models.resolve("tiny-gen"));
        Path card = TestModels.copy("tiny-cnn", models.resolve("cnn")).resolve("model.yaml");
        Files.writeString(card, "generator: tiny-gen\n", StandardOpenOption.APPEND);

        Run run = evaluate(models, "cnn");

        assertThat(run.err()).doesNotContain("error:");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("classifier cnn on mnist-samples (3 images)");
    }
}
