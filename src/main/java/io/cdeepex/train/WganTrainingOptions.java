package io.cdeepex.train;

import io.cdeepex.data.PlantSpec;

/** How {@link WganTrainer} trains (defaults: Arjovsky et al.'s, RMSProp lr 5e-5, clip 0.01, n_critic 5). */
public final class WganTrainingOptions {
    public int latentSize = 32;
    /** Output (and training image) height and width; the registered WGAN architectures are 64x64. */
    public int imageSize = 64;
    /** Passes of the critic over the training data. */
    public int epochs = 50;
    public int batchSize = 64;
    /** RMSProp learning rate of both networks. */
    public float learningRate = 5e-5f;
    /** Critic weights are clipped to [-clip, clip] after every critic step. */
    public float clip = 0.01f;
    /** Critic steps per generator step. */
    public int criticSteps = 5;
    /**
     * Critic steps per generator step for the first 25 generator steps and every 500th, as in the authors' code,
     * so that the critic is near its optimum before the generator follows it.
     */
    public int warmupCriticSteps = 100;
    public long seed = 1;
    /** Artefact planted on the training images of its class (the classifier's training data), or null. */
    public PlantSpec plant;
    public String dataset = "mnist";
    /** Where to train; null: DJL's default device (a GPU when present). */
    public ai.djl.Device device;
    /** Same-position patch mixing of the training batches (decoupling local features from class shape). */
    public PatchMixing mixing = PatchMixing.none();

    void validate() {
        require(latentSize > 0, "latent", "must be > 0, got " + latentSize);
        require(imageSize == 64, "imageSize", "the wgan64 architectures produce 64x64 images, got " + imageSize);
        require(mixing != null, "mixing", "must not be null (PatchMixing.none() for no mixing)");
        require(!mixing.active() || mixing.maxSide <= imageSize, "mix-box",
                "MAX " + mixing.maxSide + " exceeds the " + imageSize + "x" + imageSize + " training grid");
        require(epochs > 0, "epochs", "must be > 0, got " + epochs);
        require(batchSize > 0, "batch", "must be > 0, got " + batchSize);
        require(learningRate > 0, "lr", "must be > 0, got " + learningRate);
        require(clip > 0, "clip", "must be > 0, got " + clip);
        require(criticSteps > 0, "n-critic", "must be > 0, got " + criticSteps);
        require(warmupCriticSteps > 0, "warmupCriticSteps", "must be > 0, got " + warmupCriticSteps);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) throw new IllegalArgumentException("WGAN training option '" + field + "': " + problem);
    }
}
