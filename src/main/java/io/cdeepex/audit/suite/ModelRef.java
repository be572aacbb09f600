package io.cdeepex.audit.suite;

import io.cdeepex.model.ModelCard;

import java.nio.file.Path;

/**
 * A model named in a suite: the text as written, where, the directory it resolved to and its validated card.
 *
 * @param text     a model name under the models root, or a path (relative paths start at the suite's directory)
 * @param position where it was written
 * @param dir      the model directory
 * @param card     its {@code model.yaml}
 */
public record ModelRef(String text, Position position, Path dir, ModelCard card) {
    /** The directory name, as models are called in messages. */
    public String name() {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? text : n.toString();
    }

    /** The model's {@code model.yaml}, named in messages about the card's fields. */
    public Path cardFile() {
        return dir.resolve(io.cdeepex.model.ModelCards.FILE_NAME);
    }

    /** Input (classifier) or output (generator) height and width from the card. */
    int height() { return shape().get(1); }

    int width() { return shape().get(2); }

    int channels() { return shape().get(0); }

    int classes() { return card.classNames == null ? 0 : card.classNames.size(); }

    private java.util.List<Integer> shape() {
        return card.kind == ModelCard.Kind.classifier ? card.inputShape : card.outputShape;
    }

    @Override
    public String toString() {
        return name();
    }
}
