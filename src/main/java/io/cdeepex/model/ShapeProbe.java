package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;

/**
 * Runs one tiny batch through a freshly loaded model to check that the weights agree with the card
 * (class count, shapes): a DJL block silently takes weights of another size, and a TorchScript file may
 * not match the card its user wrote.
 */
final class ShapeProbe {
    private ShapeProbe() {}

    /**
     * @param network the classifier's network, looked at when it refuses the card's input shape
     * @param weights the weights file, named in the message
     */
    static void check(Classifier c, Network network, Path weights, Device device, Path cardFile) {
        Shape in = c.inputShape();
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray logits;
            try {
                logits = c.logits(m.zeros(new Shape(2).addAll(in)));
            } catch (RuntimeException e) {
                String lookalike = lookalike(network, m);
                throw new ModelCardException(cardFile, lookalike.isEmpty() ? "inputShape" : "file", weights
                        + " does not accept images " + batch(in) + " (the card's inputShape): " + EngineErrors.reason(e)
                        + (lookalike.isEmpty() ? "; expected the input shape the network was exported for"
                        : "; " + lookalike), e);
            }
            Shape s = logits.getShape();
            if (s.dimension() != 2 || s.get(1) != c.numClasses()) {
                throw classCountMismatch(cardFile, c.numClasses(), weights, s.dimension() == 2 ? s.get(1) : -1,
                        "logits of shape " + s + " for a batch of 2");
            }
        }
    }

    /**
     * The card's class names do not match the network's outputs.
     *
     * @param outputs the number of outputs the network has, or -1 when its output is not (N, classes)
     */
    static ModelCardException classCountMismatch(Path cardFile, int names, Path weights, long outputs,
                                                 String evidence) {
        return new ModelCardException(cardFile, "classNames", "lists " + names + " class names but the network in "
                + weights + (outputs < 0 ? " does not output one logit per class" : " has " + outputs + " outputs")
                + " (" + evidence + "); expected one class name per output, in the order of the outputs");
    }

    /**
     * What a network that refused a classifier's input looks like, judged from its first weight: a first linear layer
     * taking k numbers that maps (N, k) to images is a generator. Empty when nothing clear can be said.
     */
    private static String lookalike(Network network, NDManager m) {
        try {
            var params = network.block().getParameters();
            if (params.isEmpty() || !params.valueAt(0).isInitialized()) return "";
            Shape first = params.valueAt(0).getArray().getShape();
            if (first.dimension() != 2) return "";
            long k = first.get(1);
            Shape out = network.forward(m.zeros(new Shape(2, k))).getShape();
            if (out.dimension() != 4) return "";
            Shape image = out.slice(1);
            return "it maps latent codes (N, " + k + ") to images " + batch(image) + ": it looks like a generator"
                    + " (kind: generator, latentSize: " + k + ", outputShape: [" + image.get(0) + ", " + image.get(1)
                    + ", " + image.get(2) + "]), not a classifier; check the card's 'file' and 'kind'";
        } catch (RuntimeException e) {
            return "";  // the network refuses this probe too: say nothing rather than guess
        }
    }

    /** "(N, 1, 28, 28)" for the shape (1, 28, 28) of one item. */
    private static String batch(Shape item) {
        StringBuilder b = new StringBuilder("(N");
        for (long d : item.getShape()) b.append(", ").append(d);
        return b.append(")").toString();
    }

    static void check(Generator g, Device device, Path cardFile) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            Shape raw;
            try {
                raw = g.generate(m.zeros(new Shape(2, g.latentSize()))).getShape();
            } catch (RuntimeException e) {
                throw new ModelCardException(cardFile, "latentSize/outputShape", "the network does not map latent (N, "
                        + g.latentSize() + ") to images " + batch(g.outputShape()) + ": " + EngineErrors.reason(e), e);
            }
            if (!raw.slice(1).equals(g.outputShape())) {
                throw new ModelCardException(cardFile, "outputShape", "is " + g.outputShape()
                        + " but the network draws " + raw.slice(1));
            }
            if (g.encoder().isPresent()) {
                Shape z;
                try {
                    z = g.encoder().get().encode(m.zeros(new Shape(2).addAll(g.outputShape()))).getShape();
                } catch (RuntimeException e) {
                    throw new ModelCardException(cardFile, "encoder", "the encoder does not accept images "
                            + batch(g.outputShape()) + ": " + EngineErrors.reason(e), e);
                }
                if (z.dimension() != 2 || z.get(1) != g.latentSize()) {
                    throw new ModelCardException(cardFile, "encoder", "gives latent codes of shape " + z
                            + ", expected (N, " + g.latentSize() + ")");
                }
            }
        }
    }
}
