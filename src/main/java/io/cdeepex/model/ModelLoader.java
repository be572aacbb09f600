package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads model directories (card + weights) onto a device. Every network it loads waits for the native self-check
 * ({@link NativeKernelSelfCheck}): no model runs on convolution kernels that compute wrong results.
 */
public final class ModelLoader {
    static {
        DjlDefaults.apply();  // a caller may pass a Device without asking DeviceChoice, which applies it as well
    }

    private ModelLoader() {}

    public static Classifier loadClassifier(Path dir, Device device) {
        ModelCard card = ModelCards.read(dir);
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        if (card.kind != ModelCard.Kind.classifier) {
            throw new ModelCardException(cardFile, "kind", "is '" + card.kind + "' but a classifier was expected");
        }
        // A misspelt generator must fail where the card is used, even by commands that need no generator.
        ModelCards.generatorOf(dir, card);
        Network network = load(dir, card.file, card.architecture, card, batchOfOne(card.inputShape), device, "file");
        LoadedClassifier classifier = new LoadedClassifier(name(dir), card, network);
        try {
            ShapeProbe.check(classifier, network, dir.resolve(card.file), device, cardFile);
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
        return classifier;
    }

    public static Generator loadGenerator(Path dir, Device device) {
        ModelCard card = ModelCards.read(dir);
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        if (card.kind != ModelCard.Kind.generator) {
            throw new ModelCardException(cardFile, "kind", "is '" + card.kind + "' but a generator was expected");
        }
        Network network = load(dir, card.file, card.architecture, card,
                card.latentSize == null ? null : new Shape(1, card.latentSize), device, "file");
        Network encoder = null;
        if (card.encoder != null) {
            try {
                encoder = load(
                        dir,
                        card.encoder,
                        card.encoderArchitecture,
                        card,
                        batchOfOne(card.outputShape),
                        device,
                        "encoder");
            } catch (RuntimeException e) {
                network.close();
                throw e;
            }
        }
        LoadedGenerator generator = new LoadedGenerator(name(dir), card, network, encoder);
        try {
            ShapeProbe.check(generator, device, cardFile);
        } catch (RuntimeException e) {
            generator.close();
            throw e;
        }
        return generator;
    }

    /**
     * Checks that the generator's images can be fed to the classifier: same channel count (height and width
     * may differ; the explainer inserts a differentiable resize).
     */
    public static void checkComposable(Classifier classifier, Generator generator) {
        long gc = generator.outputShape().get(0);
        long cc = classifier.inputShape().get(0);
        if (gc != cc) {
            throw new ModelCardException(Path.of(generator.name()).resolve(ModelCards.FILE_NAME), "outputShape",
                    "generator " + generator.name() + " draws " + gc + "-channel images but classifier "
                            + classifier.name() + " expects " + cc + " channels (inputShape)");
        }
    }

    private static Network load(Path dir, String file, String architecture, ModelCard card,
                                Shape input, Device device, String field) {
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        Path weights = dir.resolve(file);
        NativeKernelSelfCheck.ensureCorrect();
        return card.format == ModelCard.Format.torchscript
                ? TorchScriptNetwork.load(weights, device, cardFile, field)
                : DjlNetwork.load(weights, architecture, card, input, device, cardFile, field);
    }

    /** (1, C, H, W) from a card's (C, H, W); null when the card has none (the card check reports that). */
    private static Shape batchOfOne(List<Integer> chw) {
        if (chw == null) return null;
        long[] dims = new long[chw.size() + 1];
        dims[0] = 1;
        for (int i = 0; i < chw.size(); i++) dims[i + 1] = chw.get(i);
        return new Shape(dims);
    }

    private static String name(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }
}
