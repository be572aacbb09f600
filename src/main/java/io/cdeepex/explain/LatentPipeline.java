package io.cdeepex.explain;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;

/**
 * The differentiable chain the solver works through: latent code -> generator -> (bilinear resize when the
 * generator draws another size than the classifier reads) -> classifier.
 */
final class LatentPipeline {
    private final Classifier classifier;
    private final Generator generator;
    private final boolean resize;
    private final int height;
    private final int width;

    LatentPipeline(Classifier classifier, Generator generator) {
        ModelLoader.checkComposable(classifier, generator);
        this.classifier = classifier;
        this.generator = generator;
        Shape in = classifier.inputShape();
        this.height = (int) in.get(1);
        this.width = (int) in.get(2);
        this.resize = !generator.outputShape().slice(1).equals(in.slice(1));
    }

    Classifier classifier() { return classifier; }
    Generator generator() { return generator; }
    int latentSize() { return generator.latentSize(); }

    /** G(z) at the classifier's input size, (N, C, H, W). */
    NDArray images(NDArray z) {
        return toClassifierSize(generator.generate(z));
    }

    /** log softmax of the classifier's logits for each image (C*H*W at the classifier's size), one batch. */
    float[][] logLikelihoods(NDManager base, float[][] images) {
        try (NDManager it = base.newSubManager()) {
            Shape in = classifier.inputShape();
            NDArray x = it.create(Inversion.flatten(images), new Shape(images.length).addAll(in));
            float[] flat = classifier.logits(x).logSoftmax(1).toFloatArray();
            return rows(flat, images.length, classifier.numClasses());
        }
    }

    /** G(z) for each latent code, C*H*W at the classifier's size, one batch. */
    float[][] generate(NDManager base, float[][] z) {
        try (NDManager it = base.newSubManager()) {
            float[] flat = images(it.create(Inversion.flatten(z), new Shape(z.length, latentSize()))).toFloatArray();
            return rows(flat, z.length, (int) classifier.inputShape().size());
        }
    }

    private static float[][] rows(float[] flat, int n, int size) {
        float[][] out = new float[n][size];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * size, out[i], 0, size);
        return out;
    }

    NDArray toClassifierSize(NDArray images) {
        return resize ? resize(images, height, width) : images;
    }

    /** Images at the classifier's size brought to the generator's size (for the encoder). */
    NDArray toGeneratorSize(NDArray images) {
        Shape out = generator.outputShape();
        return resize ? resize(images, (int) out.get(1), (int) out.get(2)) : images;
    }

    /** Bilinear resize of (N, C, H, W) images through DJL's image utilities (NHWC), differentiable on PyTorch. */
    static NDArray resize(NDArray nchw, int h, int w) {
        NDArray nhwc = nchw.transpose(0, 2, 3, 1);
        return NDImageUtils.resize(nhwc, w, h, Image.Interpolation.BILINEAR).transpose(0, 3, 1, 2);
    }
}
