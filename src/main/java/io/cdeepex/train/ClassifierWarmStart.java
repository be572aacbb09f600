package io.cdeepex.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
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
 * The weights a classifier run starts from instead of a fresh initialisation ({@code train classifier --init DIR}):
 * a trained model directory whose card describes the same network as the new run (architecture, width, input
 * shape, classes). Checked field by field before any weight is read, because a DJL block silently accepts
 * parameters of another shape.
 */
final class ClassifierWarmStart {
    private static final Pattern EPOCH_SUFFIX = Pattern.compile("(.+)-(\\d{4})\\.params");

    private final Path dir;
    private final ModelCard card;

    private ClassifierWarmStart(Path dir, ModelCard card) {
        this.dir = dir;
        this.card = card;
    }

    /** Reads and checks the card in {@code dir} against the card of the run about to start. */
    static ClassifierWarmStart of(Path dir, ModelCard run) {
        ModelCard init = ModelCards.read(dir);
        Path cardFile = dir.resolve(ModelCards.FILE_NAME);
        require(init.kind == ModelCard.Kind.classifier, cardFile, "kind", "classifier", init.kind);
        require(init.format == ModelCard.Format.djl, cardFile, "format",
                "djl (a TorchScript model cannot seed a Java-defined architecture)", init.format);
        require(Objects.equals(init.architecture, run.architecture), cardFile, "architecture", run.architecture, init.architecture);
        require(Objects.equals(width(init), width(run)), cardFile, "architectureOptions.width", width(run), width(init));
        require(Objects.equals(init.inputShape, run.inputShape), cardFile, "inputShape", run.inputShape, init.inputShape);
        require(Objects.equals(init.classNames, run.classNames), cardFile, "classNames", run.classNames, init.classNames);
        return new ClassifierWarmStart(dir, init);
    }

    void loadInto(Model model) {
        Matcher m = EPOCH_SUFFIX.matcher(card.file);
        String prefix = m.matches() ? m.group(1) : card.file.replaceFirst("\\.params$", "");
        try {
            model.load(dir, prefix, m.matches() ? Map.of("epoch", m.group(2)) : null);
        } catch (IOException | MalformedModelException e) {
            throw new ModelCardException(dir.resolve(ModelCards.FILE_NAME), "file",
                    "cannot load " + dir.resolve(card.file) + " as the starting weights: " + e.getMessage(), e);
        }
    }

    /** What the new card records about where its weights started. */
    Map<String, Object> record() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", dir.toString());
        if (card.training != null) {
            for (String key : new String[] {"epochs", "wallSeconds", "command"}) {
                if (card.training.containsKey(key)) r.put(key, card.training.get(key));
            }
        }
        if (card.metrics != null && card.metrics.containsKey("testAccuracy")) r.put("testAccuracy", card.metrics.get("testAccuracy"));
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
