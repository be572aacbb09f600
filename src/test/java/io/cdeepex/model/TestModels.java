package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real model directories for tests: copies of the tiny committed models, and a freshly saved DJL classifier. */
public final class TestModels {
    public static final Path ROOT = Path.of("src/test/resources/models");

    private TestModels() {}

    /** Copies the committed model directory {@code name} (tiny-cnn, tiny-gen) to {@code target}. */
    public static Path copy(String name, Path target) {
        try (Stream<Path> files = Files.list(ROOT.resolve(name))) {
            Files.createDirectories(target);
            for (Path f : files.toList()) Files.copy(f, target.resolve(f.getFileName()));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The card of the paper's MNIST classifier saved by DJL as {@code mnist-paper-0000.params}, classes 0..9. */
    public static ModelCard djlClassifierCard() {
        ModelCard card = new ModelCard();
        card.kind = ModelCard.Kind.classifier;
        card.format = ModelCard.Format.djl;
        card.architecture = "mnist-paper";
        card.file = "mnist-paper-0000.params";
        card.inputShape = List.of(1, 64, 64);
        card.classNames = DjlModelLoadingTest.digits();
        return card;
    }

    /** Saves the paper's MNIST classifier (10 outputs, untrained weights) with its card into {@code dir}. */
    public static Path djlClassifier(Path dir) throws IOException {
        ModelCard card = djlClassifierCard();
        try (Model model = Model.newInstance("mnist-paper", Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build("mnist-paper", card));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 64, 64));
            model.save(dir, "mnist-paper");
        }
        ModelCards.write(card, dir);
        return dir;
    }
}
