package io.cdeepex.explain.baseline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cdeepex.model.Classifier;

import java.util.function.IntFunction;

/**
 * The classifier as the baseline methods see it: batched class probabilities and input gradients of images held
 * as Java arrays, with every forward and backward pass of one image counted (the cost comparison's unit). Each call
 * works in its own sub-manager of the given scope, so native memory does not grow with the number of calls.
 */
public final class ModelProbe {
    /** Images per forward batch: bounds native memory for LIME's and PDA's thousands of perturbed images. */
    static final int CHUNK = 256;

    private final Classifier classifier;
    private final NDManager scope;
    private final Shape inputShape;
    private final int classes;
    private long forwards;
    private long backwards;

    public ModelProbe(Classifier classifier, NDManager scope) {
        this.classifier = classifier;
        this.scope = scope;
        this.inputShape = classifier.inputShape();
        this.classes = classifier.numClasses();
    }

    public int numClasses() { return classes; }
    public int channels() { return (int) inputShape.get(0); }
    public int height() { return (int) inputShape.get(1); }
    public int width() { return (int) inputShape.get(2); }

    /** Forward passes so far (one per image). */
    public long forwards() { return forwards; }

    /** Backward passes so far (one per image). */
    public long backwards() { return backwards; }

    /** Class probabilities of each image (C*H*W in 0..1, the classifier's input size). */
    public float[][] probabilities(float[][] images) {
        return probabilities(images.length, i -> images[i]);
    }

    /**
     * Class probabilities of {@code count} images made on demand, in index order, one batch at a time — so that
     * LIME's and PDA's many perturbed images never all sit in memory at once.
     */
    public float[][] probabilities(int count, IntFunction<float[]> imageAt) {
        float[][] out = new float[count][];
        int size = (int) inputShape.size();
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            float[][] batch = new float[n][];
            for (int i = 0; i < n; i++) batch[i] = imageAt.apply(from + i);
            try (NDManager it = scope.newSubManager()) {
                NDArray x = it.create(flatten(batch, 0, n, size), new Shape(n).addAll(inputShape));
                float[] p = classifier.logits(x).softmax(1).toFloatArray();
                for (int i = 0; i < n; i++) {
                    out[from + i] = new float[classes];
                    System.arraycopy(p, i * classes, out[from + i], 0, classes);
                }
            }
            forwards += n;
        }
        return out;
    }

    /**
     * Gradient of p(classes[i]) with respect to images[i], C*H*W each. The caller must hold the JVM-wide solve turn
     * (DJL's PyTorch engine allows one open gradient collector): the {@code Explainer} does.
     */
    public float[][] probabilityGradients(float[][] images, int[] classesOf) {
        float[][] out = new float[images.length][];
        int size = (int) inputShape.size();
        for (int from = 0; from < images.length; from += CHUNK) {
            int n = Math.min(CHUNK, images.length - from);
            float[] oneHot = new float[n * classes];
            for (int i = 0; i < n; i++) oneHot[i * classes + classesOf[from + i]] = 1;
            try (NDManager it = scope.newSubManager()) {
                NDArray x = it.create(flatten(images, from, n, size), new Shape(n).addAll(inputShape));
                x.setRequiresGradient(true);
                float[] g;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray p = classifier.logits(x).softmax(1);
                    gc.backward(p.mul(it.create(oneHot, new Shape(n, classes))).sum());
                    g = x.getGradient().toFloatArray();
                }
                for (int i = 0; i < n; i++) {
                    out[from + i] = new float[size];
                    System.arraycopy(g, i * size, out[from + i], 0, size);
                }
            }
            forwards += n;
            backwards += n;
        }
        return out;
    }

    private static float[] flatten(float[][] rows, int from, int n, int size) {
        float[] flat = new float[n * size];
        for (int r = 0; r < n; r++) {
            if (rows[from + r].length != size) {
                throw new IllegalArgumentException("image " + (from + r) + " has " + rows[from + r].length
                        + " values; the classifier reads " + size);
            }
            System.arraycopy(rows[from + r], 0, flat, r * size, size);
        }
        return flat;
    }
}
