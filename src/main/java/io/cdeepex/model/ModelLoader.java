package io.cdeepex.model;

import ai.djl.Device;

import java.nio.file.Path;

/** Loads model directories (card + weights) onto a device. */
public final class ModelLoader {
    private ModelLoader() {}

    public static Classifier loadClassifier(Path dir, Device device) {
        ModelCard card = ModelCards.read(dir);
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        if (card.kind != ModelCard.Kind.classifier) {
            throw new ModelCardException(cardFile, "kind", "is '" + card.kind + "' but a classifier was expected");
        }
        Network network = load(dir, card.file, card.architecture, card, device, "file");
        LoadedClassifier classifier = new LoadedClassifier(name(dir), card, network);
        try {
            ShapeProbe.check(classifier, device, cardFile);
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
        Network network = load(dir, card.file, card.architecture, card, device, "file");
        Network encoder = null;
        if (card.encoder != null) {
            try {
                encoder = load(dir, card.encoder, card.encoderArchitecture, card, device, "encoder");
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

    private static Network load(Path dir, String file, String architecture, ModelCard card, Device device, String field) {
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        Path weights = dir.resolve(file);
        return card.format == ModelCard.Format.torchscript
                ? TorchScriptNetwork.load(weights, device, cardFile, field)
                : DjlNetwork.load(weights, architecture, card, device, cardFile, field);
    }

    private static String name(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }
}
