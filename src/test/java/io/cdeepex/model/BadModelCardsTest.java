package io.cdeepex.model;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Broken model directories loaded the way a user's command loads them (by name under a models root): each error
 * names the card or weights file, the field, and what was expected.
 */
class BadModelCardsTest {
    @TempDir
    Path models;

    private ModelCardException loadFails(String name) {
        Path dir = new ModelRepository(models).resolve(name);
        return catchThrowableOfType(() -> ModelLoader.loadClassifier(dir, Device.cpu()).close(),
                ModelCardException.class);
    }

    private Path card(String name) {
        return models.resolve(name).resolve(ModelCards.FILE_NAME);
    }

    private void replaceInCard(String name, String line, String replacement) throws IOException {
        String text = Files.readString(card(name));
        assertThat(text).contains(line);
        Files.writeString(card(name), text.replace(line, replacement));
    }

    @Test
    void corruptDjlParametersNameTheFileAndSayItIsCorrupt() throws IOException {
        Path params = TestModels.djlClassifier(models.resolve("zeroed")).resolve("mnist-paper-0000.params");
        Files.write(params, new byte[(int) Files.size(params)]);
        ModelCardException zeroed = loadFails("zeroed");
        assertThat(zeroed.field()).isEqualTo("file");
        assertThat(zeroed.getMessage()).contains(card("zeroed").toString(), params.toString(),
                "is corrupt or truncated, or was not saved from architecture 'mnist-paper'");

        Path cut = TestModels.djlClassifier(models.resolve("cut")).resolve("mnist-paper-0000.params");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(cut), 100));
        ModelCardException truncated = loadFails("cut");
        assertThat(truncated.getMessage()).contains(cut.toString(), "is corrupt or truncated")
                .doesNotContain(": null");
    }

    @Test
    void aDjlCardWithMoreClassNamesThanOutputsBlamesClassNames() throws IOException {
        TestModels.djlClassifier(models.resolve("eleven"));
        replaceInCard("eleven", "- 9\n", "- 9\n- ten\n");
        ModelCardException e = loadFails("eleven");
        assertThat(e.field()).isEqualTo("classNames");
        assertThat(e.getMessage()).contains(card("eleven").toString(), "lists 11 class names",
                "the network in " + models.resolve("eleven/mnist-paper-0000.params") + " has 10 outputs");
    }

    @Test
    void aGeneratorFileUnderAClassifierCardSaysWhatTheFileLooksLike() throws IOException {
        Path dir = TestModels.copy("tiny-cnn", models.resolve("swapped"));
        Files.copy(TestModels.ROOT.resolve("tiny-gen/tiny-gen.pt"), dir.resolve("tiny-cnn.pt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelCardException e = loadFails("swapped");
        assertThat(e.field()).isEqualTo("file");
        assertThat(e.getMessage()).contains(card("swapped").toString(), dir.resolve("tiny-cnn.pt").toString(),
                "does not accept images (N, 1, 28, 28)",
                "mat1 and mat2 shapes cannot be multiplied (56x28 and 8x1568)",
                "it maps latent codes (N, 8) to images (N, 1, 28, 28): it looks like a generator");
    }

    @Test
    void anEmptyCardSaysSoAndListsTheRequiredFields() throws IOException {
        TestModels.copy("tiny-cnn", models.resolve("empty"));
        Files.writeString(card("empty"), "# nothing yet\n");
        ModelCardException e = loadFails("empty");
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).startsWith(card("empty") + ": is empty; a card needs the fields kind")
                .contains("classifier: inputShape, classNames", "generator: outputShape, latentSize")
                .doesNotContain("field ''");
    }

    @Test
    void anUnknownKindListsTheAcceptedKinds() throws IOException {
        TestModels.copy("tiny-cnn", models.resolve("critic"));
        replaceInCard("critic", "kind: \"classifier\"", "kind: discriminator");
        ModelCardException e = loadFails("critic");
        assertThat(e.field()).isEqualTo("kind");
        assertThat(e.getMessage()).contains(card("critic").toString(),
                "unsupported kind 'discriminator' at line 2, column 7; expected one of: classifier, generator")
                .doesNotContain("io.cdeepex", "Enum");
    }

    @Test
    void anOnnxFormatIsReportedAsUnsupported() throws IOException {
        TestModels.copy("tiny-cnn", models.resolve("onnx"));
        replaceInCard("onnx", "format: \"torchscript\"", "format: onnx");
        ModelCardException e = loadFails("onnx");
        assertThat(e.field()).isEqualTo("format");
        assertThat(e.getMessage()).contains("unsupported format 'onnx'", "expected one of: djl, torchscript")
                .doesNotContain("io.cdeepex", "Enum");
    }

    @Test
    void aMisspeltGeneratorQuotesTheCardsValueAndSuggestsTheSibling() throws IOException {
        TestModels.copy("tiny-gen", models.resolve("tiny-gen"));
        TestModels.copy("tiny-cnn", models.resolve("cnn"));
        Files.writeString(card("cnn"), "generator: tiny-gne\n", StandardOpenOption.APPEND);
        ModelCardException e = loadFails("cnn");
        assertThat(e.field()).isEqualTo("generator");
        assertThat(e.getMessage()).contains(card("cnn").toString(), "names 'tiny-gne' but",
                "is not a model directory", "did you mean 'tiny-gen'? generators next to it: [tiny-gen]");

        Files.writeString(card("cnn"), Files.readString(card("cnn")).replace("tiny-gne", "cnn"));
        assertThat(loadFails("cnn").getMessage()).contains(card("cnn").toString(), "names 'cnn'",
                "holds a classifier; expected a generator");
    }

    @Test
    void everyUnknownFieldIsReportedWithASuggestion() throws IOException {
        TestModels.copy("tiny-cnn", models.resolve("typos"));
        Files.writeString(card("typos"), "clasNames: [a]\ncolour: red\nnormalization: {meen: [0.5], std: [1]}\n",
                StandardOpenOption.APPEND);
        ModelCardException e = loadFails("typos");
        assertThat(e.getMessage()).contains(card("typos").toString(), "3 unknown fields",
                "'clasNames' at line 11 (did you mean 'classNames'?)", "'colour' at line 12;",
                "'normalization.meen' at line 13 (did you mean 'mean'?)", "known fields: architecture,");
    }
}
