package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.nio.file.Path;
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

    static DjlNetwork load(Path file, String architecture, ModelCard card, Device device, Path cardFile, String field) {
        String fileName = file.getFileName().toString();
        Matcher m = EPOCH_SUFFIX.matcher(fileName);
        String prefix = m.matches() ? m.group(1) : fileName.replaceFirst("\\.params$", "");
        Model model = Model.newInstance(prefix, device, "PyTorch");
        try {
            model.setBlock(Architectures.build(architecture, card));
            model.load(file.getParent(), prefix, m.matches() ? java.util.Map.of("epoch", m.group(2)) : null);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelCardException(cardFile, field, "cannot load DJL parameters " + file + " into architecture '"
                    + architecture + "': " + e.getMessage(), e);
        }
        model.getBlock().freezeParameters(true);
        return new DjlNetwork(model);
    }

    @Override
    public NDArray forward(NDArray input) {
        ParameterStore store = new ParameterStore(input.getManager(), false);
        NDList out = block.forward(store, new NDList(input), false);
        return out.get(0);
    }

    @Override
    public void close() {
        model.close();
    }
}
