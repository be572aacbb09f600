package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The paper's Fashion-MNIST classifiers, VGG16 and ResNet101, built at a fraction of their width. */
class DeepClassifierArchitecturesTest {
    private static final Shape INPUT = new Shape(2, 1, 32, 32);

    private static ModelCard card(String architecture, double width, int classes) {
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.classifier;
        card.format = ModelCard.Format.djl;
        card.architecture = architecture;
        card.inputShape = List.of(1, 32, 32);
        card.classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) card.classNames.add("class " + c);
        card.architectureOptions = new LinkedHashMap<>(Map.of("width", width));
        return card;
    }

    /** Convolutions and fully connected layers, leaving out ResNet's shortcut projections. */
    private static int weightLayers(Block block) {
        if (block instanceof ResNetBottleneck.Projection) return 0;
        if (block instanceof Conv2d || block instanceof Linear) return 1;
        int n = 0;
        for (Pair<String, Block> child : block.getChildren()) n += weightLayers(child.getValue());
        return n;
    }

    private static long trainableParameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) n += p.getValue().getArray().size();
        }
        return n;
    }

    private static int ch(int base, double width) {
        return (int) Math.max(1, Math.round(base * width));
    }

    /** Trainable parameters of VGG16-BN at a width, counted from the published configuration (no conv bias). */
    private static long expectedVgg16(double w, int classes) {
        int[] config = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
        long n = 0;
        int in = 1;
        for (int c : config) {
            int out = ch(c, w);
            n += 9L * in * out + 2L * out;  // conv weights + BN gamma, beta
            in = out;
        }
        int hidden = ch(512, w);
        n += (long) in * hidden + hidden + (long) hidden * hidden + hidden + (long) hidden * classes + classes;
        return n;
    }

    /** Trainable parameters of the bottleneck ResNet101 at a width (no conv bias, BN after every conv). */
    private static long expectedResNet101(double w, int classes) {
        int in = ch(64, w);
        long n = 9L * in + 2L * in;
        int[] blocks = {3, 4, 23, 3};
        int[] base = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            int mid = ch(base[s], w);
            int out = 4 * mid;
            for (int b = 0; b < blocks[s]; b++) {
                n += (long) in * mid + 2L * mid + 9L * mid * mid + 2L * mid + (long) mid * out + 2L * out;
                if (b == 0) n += (long) in * out + 2L * out;  // projection: every stage's first block changes shape
                in = out;
            }
        }
        return n + (long) in * classes + classes;
    }

    @ParameterizedTest
    @CsvSource({"vgg16, 16", "resnet101, 101"})
    void buildsFromACardAndMapsTwoImagesToTenLogits(String architecture, int expectedWeightLayers) {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Block block = Architectures.build(architecture, card(architecture, 0.125, 10));
            block.initialize(m, DataType.FLOAT32, INPUT);
            NDArray logits = block.forward(
                            new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, INPUT)), false)
                    .singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 10));
            for (float v : logits.toFloatArray()) assertThat(v).isFinite();
            assertThat(weightLayers(block)).isEqualTo(expectedWeightLayers);
            assertThat(block.getOutputShapes(new Shape[] {INPUT})[0]).isEqualTo(new Shape(2, 10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg16", "resnet101"})
    void theWidthMultiplierScalesTheParametersAsTheConfigurationSays(String architecture) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Map<Double, Long> counted = new LinkedHashMap<>();
            for (double width : new double[] {0.0625, 0.125, 0.25}) {
                Block block = Architectures.build(architecture, card(architecture, width, 10));
                block.initialize(m, DataType.FLOAT32, INPUT);
                long expected = architecture.equals("vgg16") ? expectedVgg16(width, 10) : expectedResNet101(width, 10);
                assertThat(trainableParameters(block)).as("%s at width %s", architecture, width).isEqualTo(expected);
                counted.put(width, trainableParameters(block));
            }
            // Convolutions dominate, so doubling the width roughly quadruples the count.
            assertThat((double) counted.get(0.25) / counted.get(0.125)).isBetween(3.5, 4.0);
        }
    }

    @Test
    void theDefaultWidthIsThePublishedOne() {
        ModelCard card = card("vgg16", 1.0, 10);
        card.architectureOptions = null;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Block block = Architectures.build("vgg16", card);
            block.initialize(m, DataType.FLOAT32, INPUT);
            assertThat(trainableParameters(block)).isEqualTo(expectedVgg16(1.0, 10));
        }
    }

    /**
     * The shipped Fashion-MNIST classifiers are TorchScript files trained by tools/train_classifier.py, which writes
     * the networks again in PyTorch; the card's parameter and weight-layer counts (measured there on the trained
     * network) must be those of our Java architecture at the card's width, or the two definitions have drifted.
     */
    @ParameterizedTest
    @CsvSource({"fashion-vgg16, vgg16", "fashion-resnet101, resnet101"})
    void theShippedTorchScriptClassifiersAreTheseArchitectures(String model, String architecture) {
        Path dir = Path.of(System.getProperty("cdeepex.models", "models"), model);
        ModelCard shipped = ModelCards.read(dir);
        assertThat(shipped.format).isEqualTo(ModelCard.Format.torchscript);
        assertThat(shipped.training).containsEntry("architecture", architecture);
        double width = ((Number) shipped.training.get("width")).doubleValue();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Block block = Architectures.build(architecture, card(architecture, width, shipped.classNames.size()));
            block.initialize(m, DataType.FLOAT32, INPUT);
            assertThat(trainableParameters(block)).as("%s: Java %s at width %s", dir, architecture, width)
                    .isEqualTo(((Number) shipped.metrics.get("parameters")).longValue());
            assertThat(weightLayers(block)).isEqualTo(((Number) shipped.training.get("weightLayers")).intValue());
        }
    }

    @Test
    void theArchitecturesSayTheirInputAndRejectOptionsTheyDoNotRead() {
        assertThat(Architectures.defaultInputShape("vgg16")).contains(List.of(1, 32, 32));
        assertThat(Architectures.defaultInputShape("resnet101")).contains(List.of(1, 32, 32));
        assertThat(Architectures.defaultInputShape("mnist-paper")).contains(List.of(1, 64, 64));
        assertThat(Architectures.defaultInputShape("wgan64-generator")).isEmpty();
        assertThat(Architectures.classifierIds())
                .contains("vgg16", "resnet101", "mnist-paper")
                .doesNotContain("vae64-decoder");

        ModelCard widened = card("mnist-paper", 0.5, 10);
        assertThatThrownBy(() -> Architectures.build("mnist-paper", widened))
                .hasMessageContaining("'mnist-paper' has no option 'width'");
        ModelCard typo = card("vgg16", 0.5, 10);
        typo.architectureOptions = Map.of("widht", 0.5);
        assertThatThrownBy(() -> Architectures.build("vgg16", typo))
                .hasMessageContaining("'widht'")
                .hasMessageContaining("[width]");
        ModelCard zero = card("resnet101", 0, 10);
        assertThatThrownBy(() -> Architectures.build("resnet101", zero))
                .hasMessageContaining("width must be a positive number, got 0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg16", "resnet101"})
    void aSavedNarrowModelLoadsBackThroughItsCardWithTheSameShapesAndLogits(String architecture, @TempDir Path dir)
            throws Exception {
        ModelCard card = card(architecture, 0.125, 10);
        float[] input;
        float[] expected;
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Engine.getInstance().setRandomSeed(11);
        try (Model model = Model.newInstance(architecture, Device.cpu(), "PyTorch");
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            model.setBlock(Architectures.build(architecture, card));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
            for (Pair<String, Parameter> p : model.getBlock().getParameters())
                shapes.put(p.getKey(), p.getValue().getArray().getShape());
            NDArray x = m.randomUniform(0, 1, INPUT);
            input = x.toFloatArray();
            expected = model.getBlock()
                    .forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow()
                    .toFloatArray();
            model.save(dir, architecture);
        }
        card.file = architecture + "-0000.params";
        ModelCards.write(card, dir);

        ModelCard read = ModelCards.read(dir);
        assertThat(read.architectureOptions).containsEntry("width", 0.125);
        try (Classifier loaded = ModelLoader.loadClassifier(dir, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            assertThat(loaded.inputShape()).isEqualTo(new Shape(1, 32, 32));
            assertThat(loaded.logits(m.create(input, INPUT)).toFloatArray()).containsExactly(expected, within(1e-5f));
        }
        // And the rebuilt block at the saved width has the saved shapes, parameter by parameter.
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Block rebuilt = Architectures.build(architecture, card(architecture, 0.125, 10));
            rebuilt.initialize(m, DataType.FLOAT32, INPUT);
            Map<String, Shape> again = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : rebuilt.getParameters())
                again.put(p.getKey(), p.getValue().getArray().getShape());
            assertThat(again).isEqualTo(shapes);
        }
    }
}
