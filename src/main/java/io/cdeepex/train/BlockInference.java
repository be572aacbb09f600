package io.cdeepex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.cdeepex.data.ImageSet;

/** Evaluation-mode forward passes of a trained block over whole image sets, batch by batch. */
public final class BlockInference {
    private BlockInference() {}

    /** One evaluation-mode forward pass; the outputs live on the input's manager. */
    public static NDList forward(Block block, NDArray input) {
        return block.forward(new ParameterStore(input.getManager(), false), new NDList(input), false);
    }

    /** The arg-max class of every image of the set. */
    public static int[] predict(Block block, NDManager manager, ImageSet set, int batchSize) {
        int[] predictions = new int[set.size()];
        for (int from = 0; from < set.size(); from += batchSize) {
            int to = Math.min(set.size(), from + batchSize);
            try (NDManager scope = manager.newSubManager()) {
                NDArray logits = forward(block, set.toNDArray(scope, from, to)).head();
                long[] argMax = logits.argMax(1).toLongArray();
                for (int k = 0; k < argMax.length; k++) predictions[from + k] = (int) argMax[k];
            }
        }
        return predictions;
    }
}
