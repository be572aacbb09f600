package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The committed TorchScript test models (tools/make_test_models.py) against the numbers PyTorch itself computed:
 * eval-mode logits (dropout off, batch-norm running statistics), input gradients, generator outputs and latent
 * gradients, plus a finite-difference check of the input gradient.
 */
class TorchScriptModelTest {
    static final Path MODELS = Path.of("src/test/resources/models");
    static Classifier cnn;
    static Generator gen;
    static NDManager manager;

    @BeforeAll
    static void load() {
        cnn = ModelLoader.loadClassifier(MODELS.resolve("tiny-cnn"), Device.cpu());
        gen = ModelLoader.loadGenerator(MODELS.resolve("tiny-gen"), Device.cpu());
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void close() {
        manager.close();
        cnn.close();
        gen.close();
    }

    static float[] floats(JsonNode node) {
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) node.get(i).asDouble();
        return out;
    }

    @Test
    void classifierLogitsAndInputGradientEqualPyTorchInEvalMode() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(MODELS.resolve("tiny-cnn/expected.json").toFile());
        float[] inputs = floats(expected.get("inputs"));
        NDArray x = manager.create(inputs, new Shape(3, 1, 28, 28));
        // twice: eval behaviour must not change between calls (no train-mode flip, no running-statistics update)
        assertThat(cnn.logits(x).toFloatArray()).containsExactly(floats(expected.get("logits")), within(1e-4f));
        assertThat(cnn.logits(x).toFloatArray()).containsExactly(floats(expected.get("logits")), within(1e-4f));

        int k = expected.get("gradientClass").asInt();
        NDArray first = manager.create(java.util.Arrays.copyOf(inputs, 784), new Shape(1, 1, 28, 28));
        first.setRequiresGradient(true);
        float[] grad;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(cnn.logits(first).get(0, k));
            grad = first.getGradient().toFloatArray();
        }
        assertThat(grad).containsExactly(floats(expected.get("gradient")), within(1e-4f));

        // and against central finite differences along the gradient, independent of PyTorch. The digit gets a
        // little noise first: its flat black background makes max-pool ties, where no derivative exists.
        java.util.Random random = new java.util.Random(5);
        float[] noisy = java.util.Arrays.copyOf(inputs, 784);
        for (int i = 0; i < 784; i++) noisy[i] += (float) (0.05 * random.nextDouble());
        NDArray at = manager.create(noisy, new Shape(1, 1, 28, 28));
        at.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(cnn.logits(at).get(0, k));
            grad = at.getGradient().toFloatArray();
        }
        double norm = 0;
        for (float g : grad) norm += g * g;
        norm = Math.sqrt(norm);
        double h = 1e-3;
        float[] plus = noisy.clone();
        float[] minus = noisy.clone();
        for (int i = 0; i < 784; i++) {
            plus[i] += (float) (h * grad[i] / norm);
            minus[i] -= (float) (h * grad[i] / norm);
        }
        double fp = cnn.logits(manager.create(plus, new Shape(1, 1, 28, 28))).getFloat(0, k);
        double fm = cnn.logits(manager.create(minus, new Shape(1, 1, 28, 28))).getFloat(0, k);
        assertThat((fp - fm) / (2 * h)).isCloseTo(norm, within(0.02 * norm));
    }

    @Test
    void batchedInputGradientsMatchOneByOne() {
        NDArray x = manager.randomUniform(0, 1, new Shape(4, 1, 28, 28));
        x.setRequiresGradient(true);
        float[] batched;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(cnn.logits(x).get(":, 3").sum());
            batched = x.getGradient().toFloatArray();
        }
        for (int i = 0; i < 4; i++) {
            NDArray one = x.get(i + ":" + (i + 1)).duplicate();
            one.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(cnn.logits(one).get(0, 3));
                float[] single = one.getGradient().toFloatArray();
                float[] part = java.util.Arrays.copyOfRange(batched, i * 784, (i + 1) * 784);
                assertThat(part).as("image %d", i).containsExactly(single, within(1e-5f));
            }
        }
    }

    @Test
    void generatorOutputsAndLatentGradientEqualPyTorch() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(MODELS.resolve("tiny-gen/expected.json").toFile());
        NDArray z = manager.create(floats(expected.get("latent")), new Shape(2, 8));
        z.setRequiresGradient(true);
        float[] grad;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray images = gen.generate(z);
            assertThat(images.getShape()).isEqualTo(new Shape(2, 1, 28, 28));
            assertThat(images.sum(new int[] {1, 2, 3}).toFloatArray())
                    .containsExactly(floats(expected.get("outputSums")), within(1e-3f));
            gc.backward(images.get(0).sum());
            grad = z.getGradient().toFloatArray();
        }
        assertThat(grad).containsExactly(floats(expected.get("gradient")), within(1e-5f));
        assertThat(gen.latentSize()).isEqualTo(8);
        assertThat(gen.encoder()).isEmpty();
    }

    @Test
    void cardThatDisagreesWithTheNetworkIsRejectedNamingTheField(@TempDir Path dir) throws Exception {
        Files.copy(MODELS.resolve("tiny-cnn/tiny-cnn.pt"), dir.resolve("tiny-cnn.pt"));
        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: torchscript\nfile: tiny-cnn.pt\n"
                + "inputShape: [1, 28, 28]\nclassNames: [a, b, c]\n");
        assertThatThrownBy(() -> ModelLoader.loadClassifier(dir, Device.cpu()))
                .isInstanceOf(ModelCardException.class)
                .hasMessageContaining(dir.resolve("model.yaml").toString())
                .hasMessageContaining("'classNames'").hasMessageContaining("lists 3 class names")
                .hasMessageContaining("has 10 outputs");

        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: torchscript\nfile: tiny-cnn.pt\n"
                + "inputShape: [1, 32, 32]\nclassNames: [a, b, c, d, e, f, g, h, i, j]\n");
        assertThatThrownBy(() -> ModelLoader.loadClassifier(dir, Device.cpu()))
                .hasMessageContaining("'inputShape'");

        Files.writeString(dir.resolve("model.yaml"), "kind: generator\nformat: torchscript\nfile: tiny-cnn.pt\n"
                + "outputShape: [1, 28, 28]\nlatentSize: 8\n");
        assertThatThrownBy(() -> ModelLoader.loadClassifier(dir, Device.cpu()))
                .hasMessageContaining("'kind'").hasMessageContaining("classifier was expected");
    }

    @Test
    void notATorchScriptFileIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.pt"), "not a zip archive");
        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: torchscript\nfile: broken.pt\n"
                + "inputShape: [1, 28, 28]\nclassNames: [a, b]\n");
        assertThatThrownBy(() -> ModelLoader.loadClassifier(dir, Device.cpu()))
                .isInstanceOf(ModelCardException.class)
                .hasMessageContaining("'file'").hasMessageContaining("cannot load TorchScript file");
    }
}
