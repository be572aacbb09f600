package io.cdeepex.train;

import io.cdeepex.data.PlantSpec;
import io.cdeepex.model.Architectures;

import java.nio.file.Path;
import java.util.List;

/** How {@link ClassifierTrainer} trains: architecture, input size, schedule, seed, augmentation, plant, checkpoints. */
public final class ClassifierTrainingOptions {
    /** Architecture id known to {@code io.cdeepex.model.Architectures}. */
    public String architecture = "mnist-paper";
    /** Width multiplier of the architecture (card {@code architectureOptions.width}); null: the architecture's own. */
    public Double width;
    /**
     * Network input height and width (images are resized to it); null: the size the architecture is registered with.
     */
    public Integer inputHeight;

    public Integer inputWidth;
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
    /** Directory for the per-epoch checkpoint; null: none ({@link ClassifierTrainingRun} uses the model directory). */
    public Path checkpointDir;
    /** Go on from the checkpoint in {@link #checkpointDir} instead of starting afresh. */
    public boolean resume;
    /**
     * Model directory of the same architecture, width, input shape and classes whose weights the run starts from
     * (fine-tuning, or training on in a new schedule); null: freshly initialised weights.
     */
    public Path initFrom;
    /** Stop (leaving a checkpoint to resume) after this epoch; null: train all {@link #epochs}. */
    public Integer stopAfterEpoch;
    /** A progress line every this many batches within an epoch (besides the line per epoch); 0: none. */
    public int progressEvery = 50;

    void validate() {
        require(
                architecture != null && Architectures.classifierIds().contains(architecture),
                "architecture",
                "unknown classifier architecture '" + architecture + "'; expected one of "
                        + Architectures.classifierIds());
        require(width == null || Architectures.options(architecture).contains("width"), "width",
                "architecture '" + architecture + "' has no width multiplier");
        require(width == null || (width > 0 && !width.isInfinite()), "width", "must be > 0, got " + width);
        require((inputHeight == null) == (inputWidth == null), "input size", "give both height and width, or neither");
        require(inputHeight == null || (inputHeight > 0 && inputWidth > 0), "input size",
                inputHeight + "x" + inputWidth + " must be positive");
        require(epochs > 0, "epochs", "must be > 0, got " + epochs);
        require(batchSize > 0, "batch", "must be > 0, got " + batchSize);
        require(learningRate > 0, "lr", "must be > 0, got " + learningRate);
        require(maxShift >= 0, "maxShift", "must be >= 0, got " + maxShift);
        require(maxRotation >= 0 && maxRotation <= 45, "rotate", "must be in 0..45 degrees, got " + maxRotation);
        require(maxScale >= 0 && maxScale < 0.5, "scale", "must be in [0, 0.5), got " + maxScale);
        require(!resume || checkpointDir != null, "resume", "needs a checkpoint directory");
        require(stopAfterEpoch == null || (stopAfterEpoch > 0 && stopAfterEpoch <= epochs), "stopAfter",
                "must be in 1.." + epochs + ", got " + stopAfterEpoch);
        require(
                stopAfterEpoch == null || checkpointDir != null,
                "stopAfter",
                "needs a checkpoint directory to resume from");
        require(progressEvery >= 0, "progressEvery", "must be >= 0, got " + progressEvery);
    }

    /** The (height, width) images are resized to: the options' own, else the architecture's registered input. */
    int[] inputSize() {
        if (inputHeight != null) return new int[] {inputHeight, inputWidth};
        List<Integer> shape = Architectures.defaultInputShape(architecture)
                .orElseThrow(
                        () -> new IllegalArgumentException("classifier training option 'input size': architecture '"
                                + architecture + "' has no default input shape"));
        return new int[] {shape.get(1), shape.get(2)};
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) throw new IllegalArgumentException("classifier training option '" + field + "': " + problem);
    }
}
