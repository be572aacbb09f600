package io.cdeepex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Optional;

/** A generator from a model directory: runs the network and maps its output range to 0..1 pixels. */
final class LoadedGenerator implements Generator {
    private final String name;
    private final ModelCard card;
    private final Network network;
    private final Network encoderNetwork;
    private final Shape outputShape;
    private final float low;
    private final float range;

    LoadedGenerator(String name, ModelCard card, Network network, Network encoderNetwork) {
        this.name = name;
        this.card = card;
        this.network = network;
        this.encoderNetwork = encoderNetwork;
        this.outputShape = new Shape(card.outputShape.get(0), card.outputShape.get(1), card.outputShape.get(2));
        this.low = card.valueRange.get(0).floatValue();
        this.range = (float) (card.valueRange.get(1) - card.valueRange.get(0));
    }

    @Override
    public NDArray generate(NDArray latent) {
        if (latent.getShape().dimension() != 2 || latent.getShape().get(1) != card.latentSize) {
            throw new IllegalArgumentException(name + " expects latent codes (N, " + card.latentSize + "), got "
                    + latent.getShape());
        }
        NDArray out = network.forward(latent);
        long n = latent.getShape().get(0);
        out = out.reshape(new Shape(n).addAll(outputShape));
        return (low == 0f && range == 1f) ? out : out.sub(low).div(range);
    }

    @Override
    public Optional<Encoder> encoder() {
        if (encoderNetwork == null) return Optional.empty();
        int k = card.latentSize;
        return Optional.of(images -> {
            // The encoder sees pixels in the generator's own value range, as it was trained.
            NDArray x = (low == 0f && range == 1f) ? images : images.mul(range).add(low);
            NDArray out = encoderNetwork.forward(x);
            // An encoder returns the mean first; a single (N, 2k) output is (mean, log-variance) side by side.
            return out.getShape().get(1) == 2L * k ? out.get(":, :" + k) : out;
        });
    }

    @Override public int latentSize() { return card.latentSize; }
    @Override public Shape outputShape() { return outputShape; }
    @Override public String name() { return name; }
    @Override public ModelCard card() { return card; }

    @Override
    public void close() {
        network.close();
        if (encoderNetwork != null) encoderNetwork.close();
    }

    @Override
    public String toString() {
        return "generator " + name + " (" + card.format + ", latent " + card.latentSize + ", output " + outputShape
                + ")";
    }
}
