package io.cdeepex.train;

import io.cdeepex.data.PlantSpec;

/** How {@link ClassifierTrainer} trains: architecture, input size, schedule, seed, augmentation, plant. */
public final class ClassifierTrainingOptions {
    /** Architecture id known to {@code io.cdeepex.model.Architectures}. */
    public String architecture = "mnist-paper";
    /** Network input height and width (images are resized to it). */
    public int inputHeight = 64;
    public int inputWidth = 64;
    public int epochs = 20;
    public int batchSize = 64;
    /** Adam's base learning rate. */
    public float learningRate = 1e-3f;
    /** Cosine decay of the learning rate to 1% of the base over all steps; false keeps it constant. */
    public boolean cosineSchedule = true;
    public long seed = 1;
    /** Largest random shift (native pixels) applied before resizing; 0 turns augmentation off. */
    public int maxShift = 2;
    /** Largest random rotation in degrees applied with the shift; 0 turns it off. */
    public double maxRotation = 0;
    /** Largest random relative scaling applied with the shift (0.1: 0.9..1.1); 0 turns it off. */
    public double maxScale = 0;
    /** Artefact planted on the training images of its class, or null for clean data. */
    public PlantSpec plant;
    /** Dataset name recorded in the card (e.g. {@code mnist}). */
    public String dataset = "mnist";
    /** Where to train; null: DJL's default device (a GPU when present). */
    public ai.djl.Device device;

    void validate() {
        require(architecture != null && !architecture.isBlank(), "architecture", "missing");
        require(inputHeight > 0 && inputWidth > 0, "input size", inputHeight + "x" + inputWidth + " must be positive");
        require(epochs > 0, "epochs", "must be > 0, got " + epochs);
        require(batchSize > 0, "batch", "must be > 0, got " + batchSize);
        require(learningRate > 0, "lr", "must be > 0, got " + learningRate);
        require(maxShift >= 0, "maxShift", "must be >= 0, got " + maxShift);
        require(maxRotation >= 0 && maxRotation <= 45, "rotate", "must be in 0..45 degrees, got " + maxRotation);
        require(maxScale >= 0 && maxScale < 0.5, "scale", "must be in [0, 0.5), got " + maxScale);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) throw new IllegalArgumentException("classifier training option '" + field + "': " + problem);
    }
}
