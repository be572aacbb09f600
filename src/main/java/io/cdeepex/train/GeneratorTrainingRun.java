package io.cdeepex.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.model.Encoder;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;
import io.cdeepex.model.ModelLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a trained generator into a model directory and measures it as every consumer will see it: loaded back
 * through {@link ModelLoader}, its reconstruction error on held-out images (prepared like the training data,
 * artefact included) becomes the card's {@code metrics}.
 */
public final class GeneratorTrainingRun {
    /** How many held-out images the reconstruction error is measured on (through an encoder). */
    public static final int HELD_OUT_IMAGES = 500;
    /** Without an encoder each image needs its own latent search: fewer images. */
    public static final int HELD_OUT_IMAGES_BY_SEARCH = 100;
    private static final int SEARCH_STEPS = 300;
    private static final int SEARCH_STARTS = 3;

    private GeneratorTrainingRun() {}

    /**
     * Saves {@code trained} into {@code dir}, reloads it and records {@code reconstructionMse} (mean per-pixel
     * squared error of decoder(encoder mean) on the first {@value #HELD_OUT_IMAGES} images of {@code testSet}
     * with {@code plant} applied as in training) in the card.
     *
     * @return the card as written
     */
    public static ModelCard saveAndMeasure(TrainedGenerator trained, ImageSet testSet, PlantSpec plant, Path dir,
                                           String commandLine, Device device, PrintStream progress) throws IOException {
        return saveAndMeasure(trained, testSet, plant, dir, commandLine, device, progress, SEARCH_STEPS, SEARCH_STARTS);
    }

    /** As above, with the latent-search budget for generators without an encoder given (tests use a small one). */
    static ModelCard saveAndMeasure(TrainedGenerator trained, ImageSet testSet, PlantSpec plant, Path dir,
                                    String commandLine, Device device, PrintStream progress, int searchSteps,
                                    int searchStarts) throws IOException {
        ModelCard card = trained.card();
        if (commandLine != null) card.training.put("command", commandLine);
        int size = card.outputShape.get(1);
        boolean hasEncoder = trained.encoderBlock() != null;
        int count = Math.min(hasEncoder ? HELD_OUT_IMAGES : HELD_OUT_IMAGES_BY_SEARCH, testSet.size());
        ImageSet heldOut = new TrainingImages(testSet.subset(firstIndices(count)), size, size, plant, 0).prepared();
        double inTraining = hasEncoder ? trained.reconstructionError(heldOut) : Double.NaN;
        trained.save(dir);
        double reloaded;
        try (Generator g = ModelLoader.loadGenerator(dir, device)) {
            reloaded = hasEncoder ? reconstructionError(g, heldOut, device)
                    : searchedReconstructionError(g, heldOut, device, searchSteps, searchStarts);
        }
        if (hasEncoder && Math.abs(reloaded - inTraining) > 1e-6 * Math.max(1, inTraining)) {
            throw new IllegalStateException(
                    "generator written to " + dir + " reconstructs differently after reloading: " + reloaded + " vs "
                            + inTraining + " before saving");
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("reconstructionMse", Math.round(reloaded * 1e6) / 1e6);
        metrics.put("reconstructionMethod", hasEncoder ? "decoder(encoder mean)"
                : "generator(z*), z* by Adam on the squared error, " + searchSteps + " steps, best of " + searchStarts
                        + " standard-normal starts");
        metrics.put("heldOutSet", testSet.name());
        metrics.put("heldOutImages", heldOut.size());
        metrics.put("heldOutPlant", plant == null ? "none" : plant + " (on its class, as in training)");
        card.metrics = metrics;
        ModelCards.write(card, dir);
        if (progress != null) {
            progress.println(String.format(
                    Locale.ROOT,
                    "reconstruction MSE on %d held-out %s images: %.5f (reloaded from %s)",
                    heldOut.size(),
                    testSet.name(),
                    reloaded,
                    dir));
        }
        return card;
    }

    /** Mean per-pixel squared error of generate(encode(x)) over the set, through the loaded model's interfaces. */
    static double reconstructionError(Generator g, ImageSet set, Device device) {
        Encoder encoder = g.encoder().orElseThrow(() -> new IllegalStateException(g.name() + " has no encoder"));
        double sum = 0;
        long count = 0;
        try (NDManager base = NDManager.newBaseManager(device)) {
            for (int from = 0; from < set.size(); from += 250) {
                int to = Math.min(set.size(), from + 250);
                try (NDManager scope = base.newSubManager()) {
                    NDArray x = set.toNDArray(scope, from, to);
                    sum += g.generate(encoder.encode(x)).sub(x).square().sum().getFloat();
                    count += x.size();
                }
            }
        }
        return sum / count;
    }

    /** Mean per-pixel squared error of the best latent fit per image (generators without an encoder). */
    static double searchedReconstructionError(Generator g, ImageSet set, Device device, int steps, int starts) {
        try (NDManager base = NDManager.newBaseManager(device)) {
            return LatentFit.meanSquaredError(g, set.toNDArray(base, 0, set.size()), steps, starts, 0.05f);
        }
    }

    private static int[] firstIndices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }
}
