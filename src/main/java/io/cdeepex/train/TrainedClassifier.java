package io.cdeepex.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.cdeepex.data.ImageSet;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A classifier fresh from {@link ClassifierTrainer}: the DJL model (held here so that its block stays alive),
 * the card filled in so far (kind, format, architecture, shapes, classes, plant, training) and the epoch
 * history. Callers add {@code metrics} and {@code generator} to {@link #card()} before {@link #save}.
 */
public final class TrainedClassifier implements AutoCloseable {
    private final Model model;
    private final ModelCard card;
    private final List<EpochStats> history;
    private final double wallSeconds;

    TrainedClassifier(Model model, ModelCard card, List<EpochStats> history, double wallSeconds) {
        this.model = model;
        this.card = card;
        this.history = List.copyOf(history);
        this.wallSeconds = wallSeconds;
    }

    public Block block() { return model.getBlock(); }
    public NDManager manager() { return model.getNDManager(); }
    public ModelCard card() { return card; }
    public List<EpochStats> history() { return history; }
    public double wallSeconds() { return wallSeconds; }

    /** Evaluation-mode logits (N, classes) for images (N, C, H, W) at the input size. */
    public NDArray logits(NDArray images) {
        return BlockInference.forward(model.getBlock(), images).head();
    }

    /** Arg-max predictions for a set already at the input size. */
    public int[] predict(ImageSet set) {
        return BlockInference.predict(model.getBlock(), model.getNDManager(), set, 256);
    }

    /**
     * Writes {@code <architecture>-0000.params} (DJL's {@code Model.save} naming) and {@code model.yaml} into
     * the directory; the card's {@code file} names the weights.
     */
    public void save(Path dir) throws IOException {
        card.file = ModelDirectories.saveParameters(model, dir, card.architecture);
        ModelCards.write(card, dir);
    }

    @Override
    public void close() {
        model.close();
    }
}
