package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A network we define in Java ({@link Architectures}) with weights saved by DJL as {@code .params}. */
final class DjlNetwork implements Network {
    private static final Pattern EPOCH_SUFFIX = Pattern.compile("(.+)-(\\d{4})\\.params");

    private final Model model;
    private final Block block;

    private DjlNetwork(Model model) {
        this.model = model;
        this.block = model.getBlock();
    }

    /**
     * @param input the shape one input batch of the network has (batch 1): the card's {@code inputShape} for a
     *              classifier, {@code (1, latentSize)} for a generator, {@code (1, outputShape)} for an encoder
     */
    static DjlNetwork load(Path file, String architecture, ModelCard card, Shape input, Device device, Path cardFile,
                           String field) {
        String fileName = file.getFileName().toString();
        Matcher m = EPOCH_SUFFIX.matcher(fileName);
        String prefix = m.matches() ? m.group(1) : fileName.replaceFirst("\\.params$", "");
        Model model = Model.newInstance(prefix, device, "PyTorch");
        try {
            model.setBlock(Architectures.build(architecture, card));
            model.load(file.getParent(), prefix, m.matches() ? java.util.Map.of("epoch", m.group(2)) : null);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw corrupt(file, architecture, cardFile, field, EngineErrors.reason(e), e);
        }
        try {
            checkParameterShapes(model.getBlock(), architecture, card, input, device, cardFile, field, file);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        model.getBlock().freezeParameters(true);
        return new DjlNetwork(model);
    }

    /**
     * A DJL block takes whatever shapes the file holds, so weights trained with other architecture options (a width
     * multiplier, an input size) would load and run as another network. Compares every loaded parameter with the
     * shape the card's architecture gives it.
     */
    private static void checkParameterShapes(Block loaded, String architecture, ModelCard card, Shape input,
                                             Device device, Path cardFile, String field, Path file) {
        if (input == null) return;  // the card names no shape; the card check and the shape probe report that
        Block expected = Architectures.build(architecture, card);
        try (NDManager m = NDManager.newBaseManager(device)) {
            expected.initialize(m, DataType.FLOAT32, input);
            List<Pair<String, Parameter>> want = expected.getParameters().stream().toList();
            List<Pair<String, Parameter>> got = loaded.getParameters().stream().toList();
            String options = card.architectureOptions == null || card.architectureOptions.isEmpty() ? ""
                    : " with " + card.architectureOptions;
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                Shape w = want.get(i).getValue().getArray().getShape();
                Parameter loadedParameter = got.get(i).getValue();
                if (!loadedParameter.isInitialized()) {
                    throw corrupt(file, architecture, cardFile, field, "parameter '" + got.get(i).getKey()
                            + "' was not filled from the file", null);
                }
                Shape g = loadedParameter.getArray().getShape();
                boolean lastLayer = i >= want.size() - 2;
                if (!w.equals(g) && lastLayer && card.classNames != null && w.get(0) == card.classNames.size()) {
                    // Everything before the output layer matched: the card names more or fewer classes.
                    throw ShapeProbe.classCountMismatch(cardFile, card.classNames.size(), file, g.get(0),
                            "its output parameter '" + got.get(i).getKey() + "' has shape " + g);
                }
                if (!w.equals(g)) {
                    throw new ModelCardException(
                            cardFile,
                            card.architectureOptions == null ? field : "architectureOptions",
                            "parameter '" + got.get(i).getKey() + "' of " + file + " has shape " + g
                                    + ", but architecture '"
                                    + architecture + "'" + options + " for input " + input + " gives it " + w
                                    + "; the weights were trained with other architecture options or input size");
                }
            }
        }
    }

    private static ModelCardException corrupt(Path file, String architecture, Path cardFile, String field,
                                              String reason, Throwable cause) {
        return new ModelCardException(cardFile, field, file + " is corrupt or truncated, or was not saved from"
                + " architecture '" + architecture + "' (" + reason + "); expected the .params file that DJL wrote"
                + " when this model was trained", cause);
    }

    @Override
    public NDArray forward(NDArray input) {
        ParameterStore store = new ParameterStore(input.getManager(), false);
        NDList out = block.forward(store, new NDList(input), false);
        return out.get(0);
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public void close() {
        model.close();
    }
}
