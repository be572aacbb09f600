package io.cdeepex.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCardException;
import io.cdeepex.model.ModelCards;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weights a training run starts from instead of a fresh initialisation ({@code train ... --init DIR}): a
 * trained model directory whose card describes the same network as the new run (kind, architecture, width, shapes,
 * classes, latent size, encoder). Checked field by field before any weight is read, because a DJL block silently
 * accepts parameters of another shape.
 */
final class WarmStart {
    private static final Pattern EPOCH_SUFFIX = Pattern.compile("(.+)-(\\d{4})\\.params");

    private final Path dir;
    private final ModelCard card;

    private WarmStart(Path dir, ModelCard card) {
        this.dir = dir;
        this.card = card;
    }

    /** Reads and checks the card in {@code dir} against the card of the run about to start. */
    static WarmStart of(Path dir, ModelCard run) {
        ModelCard init = ModelCards.read(dir);
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        require(init.kind == run.kind, cardFile, "kind", run.kind, init.kind);
        require(init.format == ModelCard.Format.djl, cardFile, "format",
                "djl (a TorchScript model cannot seed a Java-defined architecture)", init.format);
        require(
                Objects.equals(init.architecture, run.architecture),
                cardFile,
                "architecture",
                run.architecture,
                init.architecture);
        require(
                Objects.equals(width(init), width(run)),
                cardFile,
                "architectureOptions.width",
                width(run),
                width(init));
        require(
                Objects.equals(init.inputShape, run.inputShape),
                cardFile,
                "inputShape",
                run.inputShape,
                init.inputShape);
        require(
                Objects.equals(init.outputShape, run.outputShape),
                cardFile,
                "outputShape",
                run.outputShape,
                init.outputShape);
        require(
                Objects.equals(init.classNames, run.classNames),
                cardFile,
                "classNames",
                run.classNames,
                init.classNames);
        require(
                Objects.equals(init.latentSize, run.latentSize),
                cardFile,
                "latentSize",
                run.latentSize,
                init.latentSize);
        require(Objects.equals(init.encoderArchitecture, run.encoderArchitecture), cardFile, "encoderArchitecture",
                run.encoderArchitecture, init.encoderArchitecture);
        return new WarmStart(dir, init);
    }

    /** Loads the card's {@code file} into the model's block. */
    void loadInto(Model model) {
        load(model, card.file, "file");
    }

    /**
     * Loads one weights file of the directory ({@code file} or {@code encoder}) into a block that lives in another
     * model (a VAE's decoder or encoder inside the VAE), moving the loaded arrays to that model's manager.
     */
    void loadInto(Block block, boolean encoder, NDManager owner) {
        String file = encoder ? card.encoder : card.file;
        try (Model holder = Model.newInstance(file, owner.getDevice())) {
            holder.setBlock(block);
            load(holder, file, encoder ? "encoder" : "file");
            block.getParameters().values().forEach(p -> p.getArray().attach(owner));
        }
    }

    private void load(Model model, String file, String field) {
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        if (file == null)
            throw new ModelCardException(cardFile, field, "missing; --init needs the weights file it names");
        Matcher m = EPOCH_SUFFIX.matcher(file);
        String prefix = m.matches() ? m.group(1) : file.replaceFirst("\\.params$", "");
        try {
            model.load(dir, prefix, m.matches() ? Map.of("epoch", m.group(2)) : null);
        } catch (IOException | MalformedModelException e) {
            throw new ModelCardException(
                    cardFile,
                    field,
                    "cannot load " + dir.resolve(file) + " as the starting weights: " + e.getMessage(),
                    e);
        }
    }

    /** What the new card records about where its weights started. */
    Map<String, Object> record() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", dir.toString());
        if (card.training != null) {
            // The starting model's own origin too: a chain of warm starts stays traceable to its first fresh run.
            for (String key : new String[] {"epochs", "wallSeconds", "command", "initialisedFrom"}) {
                if (card.training.containsKey(key)) r.put(key, card.training.get(key));
            }
        }
        if (card.metrics != null) {
            for (String key : new String[] {"testAccuracy", "reconstructionMse"}) {
                if (card.metrics.containsKey(key)) r.put(key, card.metrics.get(key));
            }
        }
        return r;
    }

    private static Object width(ModelCard card) {
        Object w = card.architectureOptions == null ? null : card.architectureOptions.get("width");
        return w instanceof Number n ? n.doubleValue() : w;
    }

    private static void require(boolean ok, Path cardFile, String field, Object expected, Object found) {
        if (!ok) {
            throw new ModelCardException(cardFile, field, "--init needs the same " + field + " as the run: expected "
                    + expected + ", found " + found);
        }
    }
}
