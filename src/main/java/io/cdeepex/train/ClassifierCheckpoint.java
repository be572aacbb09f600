package io.cdeepex.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What classifier training leaves in the model directory after every epoch, so that {@code --resume} can go on
 * from the last finished epoch: the weights ({@code checkpoint-<epoch>.params}, batch-norm running statistics
 * included) and this record as {@code checkpoint.yaml} — the epochs done, the recipe the run was started with
 * (resuming with another recipe is refused), the per-epoch history and the wall time so far. Adam's moments are
 * not saved: a resumed run restarts them from zero. The YAML is written last and atomically, so it always names
 * weights that are complete. A run that wrote its model directory is marked {@code finished} and its checkpoint
 * weights are deleted (the model's own weights are the same numbers).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "epochsDone",
    "epochs",
    "finished",
    "params",
    "seed",
    "recipe",
    "history",
    "wallSeconds",
    "resumedAfter",
    "optimizerState"
})
public record ClassifierCheckpoint(
        int epochsDone,
        int epochs,
        boolean finished,
        String params,
        long seed,
        Map<String, Object> recipe,
        List<EpochStats> history,
        double wallSeconds,
        List<Integer> resumedAfter,
        String optimizerState) {
    public static final String FILE_NAME = "checkpoint.yaml";
    static final String PARAMS_PREFIX = "checkpoint";
    static final String OPTIMIZER_STATE = "not saved: Adam's moments restart from zero on --resume";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ClassifierCheckpoint {
        recipe = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(recipe, "recipe"))); // values may be null
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        resumedAfter = resumedAfter == null ? List.of() : List.copyOf(resumedAfter);
    }

    /** The checkpoint in {@code dir}, or null when there is none. */
    public static ClassifierCheckpoint read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) return null;
        try {
            return YAML.readValue(file.toFile(), ClassifierCheckpoint.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checkpoint a run with {@code recipe} can resume from.
     *
     * @throws IllegalStateException    when there is no checkpoint, or its recipe differs (the message lists how)
     * @throws FinishedRunException     when the run already finished and wrote its model directory
     */
    static ClassifierCheckpoint forResume(Path dir, Map<String, Object> recipe) {
        ClassifierCheckpoint checkpoint = read(dir);
        if (checkpoint == null) {
            throw new IllegalStateException("nothing to resume: " + dir.resolve(FILE_NAME) + " does not exist (train"
                    + " without --resume to start a run)");
        }
        if (checkpoint.finished()) {
            throw new FinishedRunException(dir, checkpoint);
        }
        List<String> differences = new ArrayList<>();
        for (String key : union(checkpoint.recipe().keySet(), recipe.keySet())) {
            String then = String.valueOf(checkpoint.recipe().get(key));
            String now = String.valueOf(recipe.get(key));
            if (!then.equals(now)) differences.add(key + ": checkpoint " + then + ", now " + now);
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("cannot resume " + dir
                    + ": the run was started with other training options ("
                    + String.join("; ", differences) + "). Resume with the options of the interrupted run, or train"
                    + " without --resume to start afresh");
        }
        return checkpoint;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    /**
     * Saves the model's weights as {@code checkpoint-<epoch>.params}, then this record (naming them) over the old
     * one, then deletes the previous checkpoint's weights.
     */
    static ClassifierCheckpoint save(
            Model model,
            Path dir,
            int epochsDone,
            int epochs,
            long seed,
            Map<String, Object> recipe,
            List<EpochStats> history,
            double wallSeconds,
            List<Integer> resumedAfter)
            throws IOException {
        Files.createDirectories(dir);
        ClassifierCheckpoint previous = read(dir);
        model.setProperty("Epoch", Integer.toString(epochsDone));
        model.save(dir, PARAMS_PREFIX);
        String params = paramsFile(epochsDone);
        if (!Files.isRegularFile(dir.resolve(params))) {
            throw new IOException("DJL did not write the expected checkpoint weights " + dir.resolve(params));
        }
        ClassifierCheckpoint checkpoint = new ClassifierCheckpoint(
                epochsDone, epochs, false, params, seed, recipe, history, wallSeconds, resumedAfter, OPTIMIZER_STATE);
        checkpoint.write(dir);
        if (previous != null && previous.params() != null && !previous.params().equals(params)) {
            Files.deleteIfExists(dir.resolve(previous.params()));
        }
        return checkpoint;
    }

    /** Marks the run in {@code dir} finished and deletes its checkpoint weights; no-op without a checkpoint. */
    static void markFinished(Path dir) throws IOException {
        ClassifierCheckpoint c = read(dir);
        if (c == null) return;
        new ClassifierCheckpoint(
                        c.epochsDone(),
                        c.epochs(),
                        true,
                        null,
                        c.seed(),
                        c.recipe(),
                        c.history(),
                        c.wallSeconds(),
                        c.resumedAfter(),
                        c.optimizerState())
                .write(dir);
        if (c.params() != null) Files.deleteIfExists(dir.resolve(c.params()));
    }

    /** Reads the checkpoint's weights into the model's block (before training initialises it). */
    void loadInto(Model model, Path dir) throws IOException {
        try {
            model.load(dir, PARAMS_PREFIX, Map.of("epoch", Integer.toString(epochsDone)));
        } catch (MalformedModelException e) {
            throw new IOException(
                    "cannot load the checkpoint weights " + dir.resolve(params) + ": " + e.getMessage(), e);
        }
    }

    private void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        YAML.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String paramsFile(int epoch) {
        return String.format(Locale.ROOT, "%s-%04d.params", PARAMS_PREFIX, epoch);
    }

    /** Thrown on {@code --resume} of a run that already finished all its epochs and wrote its model directory. */
    public static final class FinishedRunException extends IllegalStateException {
        FinishedRunException(Path dir, ClassifierCheckpoint checkpoint) {
            super("nothing to resume: the run in " + dir + " finished all " + checkpoint.epochsDone() + " of "
                    + checkpoint.epochs()
                    + " epochs and wrote its model directory (train without --resume to start afresh)");
        }
    }
}
