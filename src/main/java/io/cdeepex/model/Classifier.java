package io.cdeepex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * An image classifier: images (N, C, H, W) with pixels in 0..1 to logits (N, classes).
 * Always evaluation behaviour (dropout off, batch-norm running statistics) and differentiable with
 * respect to its input: call inside a {@code GradientCollector} to get input gradients. Any
 * normalisation the card declares is applied inside, so callers always pass 0..1 images.
 */
public interface Classifier extends AutoCloseable {
    /** Logits for a batch; the result lives on the input's manager. */
    NDArray logits(NDArray images);

    /** Input shape (C, H, W). */
    Shape inputShape();

    List<String> classNames();

    default int numClasses() { return classNames().size(); }

    /** Name of the model (its directory name). */
    String name();

    ModelCard card();

    @Override
    void close();
}
