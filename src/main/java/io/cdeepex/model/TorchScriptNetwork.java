package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A TorchScript {@code .pt} module as users export it. Loaded with {@code trainParam=true} (the default load
 * runs under InferenceMode, where no gradient can flow) and run through {@link IValueUtils#forward} so DJL never
 * flips the module's train/eval flag: the module keeps the eval behaviour it was exported with (batch norm and
 * dropout as at export).
 */
final class TorchScriptNetwork implements Network {
    private final Model model;
    private final PtSymbolBlock block;

    private TorchScriptNetwork(Model model) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
    }

    static TorchScriptNetwork load(Path file, Device device, Path card, String field) {
        String fileName = file.getFileName().toString();
        String prefix = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
        Model model = Model.newInstance(prefix, device, "PyTorch");
        try {
            model.load(file.getParent(), prefix, Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelCardException(card, field, "cannot load TorchScript file " + file + ": "
                    + EngineErrors.reason(e) + "; expected a module saved with torch.jit.save", e);
        }
        model.getBlock().freezeParameters(true);
        return new TorchScriptNetwork(model);
    }

    @Override
    public NDArray forward(NDArray input) {
        NDList out = IValueUtils.forward(block, new NDList(input), true);
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
