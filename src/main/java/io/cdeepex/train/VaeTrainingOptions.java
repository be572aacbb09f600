package io.cdeepex.train;

import io.cdeepex.data.PlantSpec;

/** How {@link VaeTrainer} trains: latent size, schedule, KL weight, seed, plant. */
public final class VaeTrainingOptions {
    public int latentSize = 16;
    /** Output (and training image) height and width; the registered VAE architectures are 64x64. */
    public int imageSize = 64;
    public int epochs = 30;
    public int batchSize = 64;
    public float learningRate = 1e-3f;
    /** Weight of the KL term (1 = the plain VAE). */
    public float beta = 1f;
    public long seed = 1;
    /** Artefact planted on the training images of its class (the classifier's training data), or null. */
    public PlantSpec plant;
    public String dataset = "mnist";
    /** Where to train; null: DJL's default device (a GPU when present). */
    public ai.djl.Device device;
    /** Same-position patch mixing of the training batches (decoupling local features from class shape). */
    public PatchMixing mixing = PatchMixing.none();
    /** A trained VAE directory (same latent size and architectures) whose weights the run starts from; null: fresh. */
    public java.nio.file.Path initFrom;
    /** A progress line every this many batches within an epoch (besides the line per epoch); 0: none. */
    public int progressEvery = 100;

    void validate() {
        require(latentSize > 0, "latent", "must be > 0, got " + latentSize);
        require(imageSize == 64, "imageSize", "the vae64 architectures produce 64x64 images, got " + imageSize);
        require(mixing != null, "mixing", "must not be null (PatchMixing.none() for no mixing)");
        require(!mixing.active() || mixing.maxSide <= imageSize, "mix-box",
                "MAX " + mixing.maxSide + " exceeds the " + imageSize + "x" + imageSize + " training grid");
        require(epochs > 0, "epochs", "must be > 0, got " + epochs);
        require(batchSize > 0, "batch", "must be > 0, got " + batchSize);
        require(learningRate > 0, "lr", "must be > 0, got " + learningRate);
        require(beta >= 0, "beta", "must be >= 0, got " + beta);
        require(progressEvery >= 0, "progressEvery", "must be >= 0, got " + progressEvery);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) throw new IllegalArgumentException("VAE training option '" + field + "': " + problem);
    }
}
