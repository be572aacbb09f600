package io.cdeepex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import io.cdeepex.data.ImageTransforms;

import java.util.List;
import java.util.Set;

/**
 * Every architecture id we ship, in one place, with the input a classifier is built for and the options each reads.
 * The larger classifiers have their own classes ({@link Vgg16}, {@link ResNet101}).
 */
final class ArchitectureCatalog {
    /** Channels of the 8x8 feature map the 64x64 generators start from. */
    static final int GENERATOR_BASE_CHANNELS = 64;
    /** Channels after each of the generators' three upsampling steps (16x16, 32x32, 64x64). */
    static final int[] GENERATOR_CHANNELS = {32, 16, 8};
    /**
     * Channels of the encoder's and critic's stride-2 convolutions (32x32, 16x16, 8x8). Narrower than the usual
     * 32-64-128 so that a 64x64 VAE epoch trains in minutes on a CPU, where convolution backward is slow (slower
     * still with oneDNN capped at SSE4.1, which some CPUs need for correct gradients).
     */
    static final int[] DOWN_CHANNELS = {16, 32, 64};

    private ArchitectureCatalog() {}

    static void registerAll() {
        Set<String> latent = Set.of("latentSize");
        Architectures.register("mnist-paper", List.of(1, 64, 64), Set.of(), card -> mnistPaper(classes(card)));
        Architectures.register(Vgg16.ID, List.of(1, 32, 32), Set.of(WidthMultiplier.OPTION),
                card -> Vgg16.build(classes(card), WidthMultiplier.of(card)));
        Architectures.register(ResNet101.ID, List.of(1, 32, 32), Set.of(WidthMultiplier.OPTION),
                card -> ResNet101.build(classes(card), WidthMultiplier.of(card)));
        Architectures.register("vae64-encoder", null, latent, card -> vae64Encoder(latentSize(card)));
        Architectures.register("vae64-decoder", null, latent, card -> vae64Decoder(latentSize(card)));
        Architectures.register("wgan64-generator", null, latent, card -> wgan64Generator(latentSize(card)));
        // The critic is built from the generator's card, so it tolerates the generator's option.
        Architectures.register("wgan64-critic", null, latent, card -> wgan64Critic());
    }

    /** The number of classes a classifier card names; 10 when it names none yet. */
    private static int classes(ModelCard card) {
        return card.classNames == null ? 10 : card.classNames.size();
    }

    /**
     * The paper's MNIST classifier (input 1x64x64): Conv 5x5 (10) / MaxPool 2 / ReLU, Conv 5x5 (20) /
     * MaxPool 2 / ReLU, FC 3380->50, ReLU, FC 50->classes.
     */
    static SequentialBlock mnistPaper(int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(10).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(50).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * VAE encoder for 1x64x64 images in 0..1: three Conv 4x4 stride 2 (16, 32, 64 channels, ReLU) down to
     * 64x8x8, then two linear heads. Output: an {@link NDList} of two (N, k) arrays, the latent mean first
     * and the log-variance second, so {@code output.head()} is the mean an inversion starts from.
     */
    static SequentialBlock vae64Encoder(int latentSize) {
        ParallelBlock heads = new ParallelBlock(
                outputs -> new NDList(outputs.get(0).head(), outputs.get(1).head()),
                List.of(Linear.builder().setUnits(latentSize).build(), Linear.builder().setUnits(latentSize).build()));
        return new SequentialBlock()
                .add(downConv(DOWN_CHANNELS[0])).add(Activation::relu)
                .add(downConv(DOWN_CHANNELS[1])).add(Activation::relu)
                .add(downConv(DOWN_CHANNELS[2])).add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(heads);
    }

    /**
     * VAE decoder (the generator): k -> Linear -> 64x8x8 -> [bilinear upsample x2, Conv 3x3, ReLU] x3
     * (32, 16, 8 channels) -> Conv 3x3 to one channel -> sigmoid, i.e. (N, k) to (N, 1, 64, 64) in 0..1.
     * Upsampling plus convolution because the PyTorch engine has no transposed convolution.
     */
    static SequentialBlock vae64Decoder(int latentSize) {
        return upsamplingGenerator(latentSize, false);
    }

    /**
     * DCGAN-style WGAN generator: the same shape as {@link #vae64Decoder} with batch normalisation after
     * the linear layer and every hidden convolution (evaluation uses the running statistics).
     */
    static SequentialBlock wgan64Generator(int latentSize) {
        return upsamplingGenerator(latentSize, true);
    }

    /**
     * WGAN critic for 1x64x64 images: three Conv 4x4 stride 2 (16, 32, 64 channels, LeakyReLU 0.2), then a
     * linear layer to one unbounded score per image. No batch normalisation: weight clipping keeps it
     * Lipschitz.
     */
    static SequentialBlock wgan64Critic() {
        return new SequentialBlock()
                .add(downConv(DOWN_CHANNELS[0])).add(x -> Activation.leakyRelu(x, 0.2f))
                .add(downConv(DOWN_CHANNELS[1])).add(x -> Activation.leakyRelu(x, 0.2f))
                .add(downConv(DOWN_CHANNELS[2])).add(x -> Activation.leakyRelu(x, 0.2f))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    private static SequentialBlock upsamplingGenerator(int latentSize, boolean batchNorm) {
        if (latentSize <= 0) {
            throw new IllegalArgumentException("latent size must be positive, got " + latentSize);
        }
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(GENERATOR_BASE_CHANNELS * 8 * 8).build());
        if (batchNorm) net.add(BatchNorm.builder().build());
        net.add(Activation::relu)
                .add(LambdaBlock.singleton(x -> x.reshape(-1, GENERATOR_BASE_CHANNELS, 8, 8), "to-8x8"));
        for (int channels : GENERATOR_CHANNELS) {
            net.add(upsample2x()).add(sameConv3x3(channels));
            if (batchNorm) net.add(BatchNorm.builder().build());
            net.add(Activation::relu);
        }
        return net.add(sameConv3x3(1)).add(Activation::sigmoid);
    }

    private static Conv2d downConv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    private static Conv2d sameConv3x3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(filters).build();
    }

    /** Bilinear x2 upsampling of (N, C, H, W), differentiable. */
    static Block upsample2x() {
        return LambdaBlock.singleton(ArchitectureCatalog::upsample2x, "upsample2x");
    }

    /**
     * {@code U_h X U_w^T} with the bilinear interpolation matrices (align_corners false). When enlarging, this is
     * what NDImageUtils.resize computes, to float rounding; the engine's antialiasing interpolation kernel it would
     * call is about twice as slow forward and backward, and the generator runs it at every solver step.
     */
    static NDArray upsample2x(NDArray x) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDManager manager = x.getManager();
        NDArray rows = manager.create(ImageTransforms.interpolationMatrix(h, 2 * h), new Shape(2 * h, h));
        NDArray cols = manager.create(ImageTransforms.interpolationMatrix(w, 2 * w), new Shape(2 * w, w));
        return rows.matMul(x).matMul(cols.transpose());
    }

    private static int latentSize(ModelCard card) {
        Object option = card.architectureOptions == null ? null : card.architectureOptions.get("latentSize");
        if (card.latentSize != null) return card.latentSize;
        if (option instanceof Number n) return n.intValue();
        throw new IllegalArgumentException("a generator architecture needs the card's latentSize, got none");
    }
}
