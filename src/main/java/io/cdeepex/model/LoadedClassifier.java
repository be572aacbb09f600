package io.cdeepex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * A classifier from a model directory: maps 0..1 pixels to the card's value range and normalisation, then runs the
 * network.
 */
final class LoadedClassifier implements Classifier {
    private final String name;
    private final ModelCard card;
    private final Network network;
    private final Shape inputShape;
    private final float scale;
    private final float offset;
    private final float[] mean;
    private final float[] std;

    LoadedClassifier(String name, ModelCard card, Network network) {
        this.name = name;
        this.card = card;
        this.network = network;
        this.inputShape = new Shape(card.inputShape.get(0), card.inputShape.get(1), card.inputShape.get(2));
        this.offset = card.valueRange.get(0).floatValue();
        this.scale = (float) (card.valueRange.get(1) - card.valueRange.get(0));
        this.mean = card.normalization == null ? null : toFloats(card.normalization.mean);
        this.std = card.normalization == null ? null : toFloats(card.normalization.std);
    }

    @Override
    public NDArray logits(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || !s.slice(1).equals(inputShape)) {
            throw new IllegalArgumentException(name + " expects images (N, " + inputShape.get(0) + ", "
                    + inputShape.get(1) + ", " + inputShape.get(2) + "), got " + s);
        }
        NDArray x = images;
        if (scale != 1f || offset != 0f) {
            x = x.mul(scale).add(offset);
        }
        if (mean != null) {
            NDManager m = images.getManager();
            long c = inputShape.get(0);
            x = x.sub(m.create(mean, new Shape(1, c, 1, 1))).div(m.create(std, new Shape(1, c, 1, 1)));
        }
        return network.forward(x);
    }

    @Override public Shape inputShape() { return inputShape; }
    @Override public List<String> classNames() { return card.classNames; }
    @Override public String name() { return name; }
    @Override public ModelCard card() { return card; }
    @Override public void close() { network.close(); }

    @Override
    public String toString() {
        return "classifier " + name + " (" + card.format + ", input " + inputShape + ", " + numClasses() + " classes)";
    }

    private static float[] toFloats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i).floatValue();
        return out;
    }
}
