package io.cdeepex.explain;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
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
