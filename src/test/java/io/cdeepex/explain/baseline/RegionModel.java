package io.cdeepex.explain.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.ModelCard;

import java.util.List;

/**
 * A small real model whose decision is known by construction: two classes, logit(1) = gain * (mean intensity
 * inside one square region - offset), logit(0) = 0, on 1 x size x size images. Built from DJL operations, so it is
 * differentiable like any loaded classifier. Gain 0 makes a model that ignores its input.
 */
final class RegionModel implements Classifier {
    final int size;
    final int row;
    final int col;
    final int side;
    private final float gain;
    private final float offset;

    RegionModel(int size, int row, int col, int side, float gain, float offset) {
        this.size = size;
        this.row = row;
        this.col = col;
        this.side = side;
        this.gain = gain;
        this.offset = offset;
    }

    boolean inside(int pixel) {
        int r = pixel / size;
        int c = pixel % size;
        return r >= row && r < row + side && c >= col && c < col + side;
    }

    @Override
    public NDArray logits(NDArray images) {
        NDArray region = images.get(new NDIndex(":, 0, {}:{}, {}:{}", row, row + side, col, col + side));
        NDArray mean = region.reshape(images.getShape().get(0), side * side).mean(new int[] {1}, true);
        NDArray one = mean.sub(offset).mul(gain);
        return NDArrays.concat(new NDList(one.zerosLike(), one), 1);
    }

    @Override public Shape inputShape() { return new Shape(1, size, size); }
    @Override public List<String> classNames() { return List.of("0", "1"); }
    @Override public String name() { return "region-model"; }
    @Override public ModelCard card() { return null; }
    @Override public void close() { }
}
