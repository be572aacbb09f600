package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** DJL-format models: save the paper's architecture, reload it through its card, check outputs and input gradients. */
class DjlModelLoadingTest {

    @Test
    void savedMnistPaperModelReloadsExactlyAndGivesInputGradients(@TempDir Path dir) throws Exception {
        float[] expected;
        float[] input;
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             Model model = Model.newInstance("mnist-paper", Device.cpu(), "PyTorch")) {
            Engine.getInstance().setRandomSeed(7);
            model.setBlock(ArchitectureCatalog.mnistPaper(10));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 64, 64));
            NDArray x = m.randomUniform(0, 1, new Shape(2, 1, 64, 64));
            input = x.toFloatArray();
            expected = model.getBlock().forward(new ai.djl.training.ParameterStore(m, false),
                    new ai.djl.ndarray.NDList(x), false).singletonOrThrow().toFloatArray();
            model.save(dir, "mnist-paper");
        }
        ModelCards.write(TestModels.djlClassifierCard(), dir);
        assertThat(dir.resolve("mnist-paper-0000.params")).exists();

        try (Classifier c = ModelLoader.loadClassifier(dir, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(input, new Shape(2, 1, 64, 64));
            float[] got = c.logits(x).toFloatArray();
            assertThat(got).containsExactly(expected, within(1e-5f));

            // gradient of logit[0,3] w.r.t. the input against a central finite difference at a few pixels
            NDArray one = m.create(input, new Shape(2, 1, 64, 64)).get("0:1");
            one.setRequiresGradient(true);
            float[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = c.logits(one).get(0, 3);
                gc.backward(out);
                grad = one.getGradient().toFloatArray();
            }
            // central finite differences at a few pixels (small step: max-pool and ReLU kinks)
            double h = 1e-3;
            for (int pixel : new int[] {64 * 20 + 20, 64 * 32 + 30, 64 * 40 + 41}) {
                float[] plus = java.util.Arrays.copyOf(input, 64 * 64);
                float[] minus = java.util.Arrays.copyOf(input, 64 * 64);
                plus[pixel] += h;
                minus[pixel] -= h;
                double fp = c.logits(m.create(plus, new Shape(1, 1, 64, 64))).getFloat(0, 3);
                double fm = c.logits(m.create(minus, new Shape(1, 1, 64, 64))).getFloat(0, 3);
                assertThat((double) grad[pixel]).as("d logit / d pixel %d", pixel)
                        .isCloseTo((fp - fm) / (2 * h), within(1e-3 + 0.02 * Math.abs(grad[pixel])));
            }
        }
    }

    @Test
    void cardErrorsNameFileAndField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("w.params"), "x");
        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: djl\narchitecture: mnist-paper\n"
                + "file: w.params\ninputShape: [1, 64, 64]\nclassNames: [a, b]\ncolour: red\n");
        assertThatThrownBy(() -> ModelCards.read(dir)).isInstanceOf(ModelCardException.class)
                .hasMessageContaining("model.yaml").hasMessageContaining("'colour'").hasMessageContaining("line 7");

        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: djl\narchitecture: mnist-paper\n"
                + "file: missing.params\ninputShape: [1, 64, 64]\nclassNames: [a, b]\n");
        assertThatThrownBy(() -> ModelCards.read(dir))
                .hasMessageContaining("'file'")
                .hasMessageContaining("missing.params");

        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: djl\narchitecture: mnist-paper\n"
                + "file: w.params\ninputShape: [64, 64]\nclassNames: [a, b]\n");
        assertThatThrownBy(() -> ModelCards.read(dir)).hasMessageContaining("'inputShape'")
                .hasMessageContaining("[channels, height, width]");

        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: onnx\nfile: w.params\n");
        assertThatThrownBy(() -> ModelCards.read(dir)).hasMessageContaining("'format'").hasMessageContaining("line 2");

        Files.writeString(dir.resolve("model.yaml"), "kind: classifier\nformat: djl\narchitecture: resnet9000\n"
                + "file: w.params\ninputShape: [1, 64, 64]\nclassNames: [a, b]\n");
        assertThatThrownBy(() -> ModelCards.read(dir)).hasMessageContaining("'architecture'")
                .hasMessageContaining("mnist-paper");

        assertThatThrownBy(() -> ModelCards.read(dir.resolve("nope"))).hasMessageContaining("does not exist");
    }

    @Test
    void mismatchedClassCountIsAClearErrorNamingTheCard(@TempDir Path dir) throws Exception {
        try (Model model = Model.newInstance("mnist-paper", Device.cpu(), "PyTorch")) {
            model.setBlock(ArchitectureCatalog.mnistPaper(10));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 64, 64));
            model.save(dir, "mnist-paper");
        }
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.classifier;
        card.format = ModelCard.Format.djl;
        card.architecture = "mnist-paper";
        card.file = "mnist-paper-0000.params";
        card.inputShape = List.of(1, 64, 64);
        card.classNames = List.of("a", "b", "c"); // weights have 10 outputs
        ModelCards.write(card, dir);
        assertThatThrownBy(() -> ModelLoader.loadClassifier(dir, Device.cpu()))
                .isInstanceOf(ModelCardException.class).hasMessageContaining("model.yaml");
    }

    @Test
    void weightsOfAnotherWidthAreRefusedNamingTheCardField(@TempDir Path dir) throws Exception {
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.classifier;
        card.format = ModelCard.Format.djl;
        card.architecture = "vgg16";
        card.architectureOptions = new java.util.LinkedHashMap<>(java.util.Map.of("width", 0.0625));
        card.file = "vgg16-0000.params";
        card.inputShape = List.of(1, 32, 32);
        card.classNames = digits();
        try (Model model = Model.newInstance("vgg16", Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build("vgg16", card));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 32, 32));
            model.save(dir, "vgg16");
        }
        ModelCards.write(card, dir);
        try (Classifier ok = ModelLoader.loadClassifier(dir, Device.cpu())) {
            assertThat(ok.numClasses()).isEqualTo(10);  // the card that matches the weights loads
        }

        card.architectureOptions.put("width", 0.125);  // the same file under a card claiming twice the channels
        ModelCards.write(card, dir);
        assertThatThrownBy(() -> ModelLoader.loadClassifier(dir, Device.cpu()))
                .isInstanceOf(ModelCardException.class)
                .hasMessageContaining("field 'architectureOptions'")
                .hasMessageContaining("vgg16-0000.params has shape (4, 1, 3, 3)")
                .hasMessageContaining("gives it (8, 1, 3, 3)");
    }

    static List<String> digits() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) names.add(String.valueOf(i));
        return names;
    }
}
