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

    static void check(Classifier c, Device device, Path cardFile) {
        Shape in = c.inputShape();
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray logits;
            try {
                logits = c.logits(m.zeros(new Shape(2).addAll(in)));
            } catch (RuntimeException e) {
                throw new ModelCardException(cardFile, "inputShape", "the network does not accept input (N, "
                        + in.get(0) + ", " + in.get(1) + ", " + in.get(2) + "): " + firstLine(e), e);
            }
            Shape s = logits.getShape();
            if (s.dimension() != 2 || s.get(1) != c.numClasses()) {
                throw new ModelCardException(cardFile, "classNames", "lists " + c.numClasses()
                        + " classes but the network outputs shape " + s + " for a batch of 2");
            }
        }
    }

    static void check(Generator g, Device device, Path cardFile) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            Shape raw;
            try {
                raw = g.generate(m.zeros(new Shape(2, g.latentSize()))).getShape();
            } catch (RuntimeException e) {
                throw new ModelCardException(cardFile, "latentSize/outputShape", "the network does not map latent (N, "
                        + g.latentSize() + ") to images (N, " + g.outputShape() + "): " + firstLine(e), e);
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
                    throw new ModelCardException(cardFile, "encoder", "the encoder does not accept images (N, "
                            + g.outputShape() + "): " + firstLine(e), e);
                }
                if (z.dimension() != 2 || z.get(1) != g.latentSize()) {
                    throw new ModelCardException(cardFile, "encoder", "gives latent codes of shape " + z
                            + ", expected (N, " + g.latentSize() + ")");
                }
            }
        }
    }

    private static String firstLine(RuntimeException e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
