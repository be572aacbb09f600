package io.cdeepex.model;

import ai.djl.engine.Engine;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generators' x2 upsampling is a product with interpolation matrices; the engine's own bilinear kernel
 * (NDImageUtils.resize, which the shipped generators were trained with) is the reference, forward and backward.
 */
class UpsampleTest {

    @Test
    void matchesTheEngineBilinearResizeAtTheDecoderShapes() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            for (Shape s : new Shape[] {new Shape(2, 64, 8, 8), new Shape(3, 32, 16, 16), new Shape(1, 16, 32, 32),
                                        new Shape(1, 1, 5, 7)}) {
                NDArray x = m.randomNormal(s);
                NDArray ours = ArchitectureCatalog.upsample2x(x);
                NDArray engine = engineResize(x);
                assertThat(ours.getShape()).isEqualTo(engine.getShape());
                assertThat(ours.sub(engine).abs().max().getFloat()).as("max |difference| at %s", s)
                        .isLessThan(1e-5f);
            }
        }
    }

    @Test
    void hasTheEngineResizeGradient() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape s = new Shape(2, 4, 6, 6);
            NDArray weights = m.randomNormal(new Shape(2, 4, 12, 12));
            float[] ours = gradient(m.randomNormal(s), weights, true);
            float[] engine = gradient(m.randomNormal(s), weights, false);
            float largest = 0;
            for (float v : engine) largest = Math.max(largest, Math.abs(v));
            assertThat(largest).as("the reference gradient is not trivially zero").isGreaterThan(0.1f);
            for (int i = 0; i < ours.length; i++) {
                assertThat(Math.abs(ours[i] - engine[i])).as("gradient element %d", i).isLessThan(1e-5f * largest);
            }
        }
    }

    /** d/dx of sum(upsample(x) * weights); the gradient does not depend on x (the map is linear). */
    private static float[] gradient(NDArray x, NDArray weights, boolean ours) {
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray up = ours ? ArchitectureCatalog.upsample2x(x) : engineResize(x);
            gc.backward(up.mul(weights).sum());
        }
        return x.getGradient().toFloatArray();
    }

    private static NDArray engineResize(NDArray x) {
        Shape s = x.getShape();
        NDArray up = NDImageUtils.resize(x.transpose(0, 2, 3, 1), (int) s.get(3) * 2, (int) s.get(2) * 2,
                Image.Interpolation.BILINEAR);
        return up.transpose(0, 3, 1, 2);
    }
}
