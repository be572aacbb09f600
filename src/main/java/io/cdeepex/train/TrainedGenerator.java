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
import java.util.Locale;

/**
 * A generator fresh from {@link VaeTrainer} or {@link WganTrainer}: the generator block (a VAE's decoder), the
 * encoder block where there is one, the DJL model that owns their parameters (held here so that the blocks stay
 * alive) and the card filled in so far. Callers add {@code metrics} before {@link #save}.
 */
public final class TrainedGenerator implements AutoCloseable {
    private final Model owner;
    private final Block generator;
    private final Block encoder;
    private final ModelCard card;
    private final List<Double> epochLosses;

    TrainedGenerator(Model owner, Block generator, Block encoder, ModelCard card, List<Double> epochLosses) {
        this.owner = owner;
        this.generator = generator;
        this.encoder = encoder;
        this.card = card;
        this.epochLosses = epochLosses;
    }

    /** The training objective per epoch: a VAE's loss per image, a WGAN's critic estimate (filled while training). */
    public List<Double> epochLosses() { return List.copyOf(epochLosses); }

    public ModelCard card() { return card; }
    public Block generatorBlock() { return generator; }
    /** The encoder block, or null for a generator without one (WGAN). */
    public Block encoderBlock() { return encoder; }
    public NDManager manager() { return owner.getNDManager(); }

    /** Images (N, C, H, W) in 0..1 for latent codes (N, k), evaluation mode. */
    public NDArray generate(NDArray latent) {
        return BlockInference.forward(generator, latent).head();
    }

    /** Latent means (N, k) for images (N, C, H, W); only for a generator with an encoder. */
    public NDArray encodeMean(NDArray images) {
        if (encoder == null) throw new IllegalStateException(card.architecture + " has no encoder");
        return BlockInference.forward(encoder, images).head();
    }

    /**
     * Mean per-pixel squared error of {@code generate(encodeMean(x))} over a set already at the output size:
     * how well the generator reproduces those images through its encoder.
     */
    public double reconstructionError(ImageSet set) {
        double sum = 0;
        long count = 0;
        for (int from = 0; from < set.size(); from += 250) {
            int to = Math.min(set.size(), from + 250);
            try (NDManager scope = owner.getNDManager().newSubManager()) {
                NDArray x = set.toNDArray(scope, from, to);
                NDArray r = generate(encodeMean(x));
                sum += r.sub(x).square().sum().getFloat();
                count += x.size();
            }
        }
        return sum / count;
    }

    /**
     * Writes {@code <architecture>-0000.params} (the generator), {@code <encoderArchitecture>-0000.params} where
     * there is an encoder, and {@code model.yaml}; the card's {@code file} and {@code encoder} name them.
     */
    public void save(Path dir) throws IOException {
        card.file = saveBlock(generator, card.architecture, dir);
        if (encoder != null) {
            card.encoder = saveBlock(encoder, card.encoderArchitecture, dir);
        }
        ModelCards.write(card, dir);
    }

    private String saveBlock(Block block, String name, Path dir) throws IOException {
        try (Model model = Model.newInstance(name, owner.getNDManager().getDevice())) {
            model.setBlock(block);
            return ModelDirectories.saveParameters(model, dir, name);
        }
    }

    @Override
    public void close() {
        owner.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (latent %d)", card.architecture, card.latentSize);
    }
}
