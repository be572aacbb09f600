package io.cdeepex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSProp written out in NDArray operations, because DJL's PyTorch engine throws "Not implemented" for its own
 * RMSProp. Same rule as PyTorch's {@code torch.optim.RMSprop} (no momentum, not centred):
 * {@code v = rho * v + (1 - rho) * g^2; w = w - lr * g / (sqrt(v) + eps)}. The running mean of squared
 * gradients is kept per parameter; each step zeroes the gradients it used (DJL accumulates them otherwise).
 */
public final class HandRmsProp implements AutoCloseable {
    private final float learningRate;
    private final float rho;
    private final float epsilon;
    private final NDManager stateManager;
    private final Map<String, NDArray> meanSquare = new HashMap<>();

    /**
     * @param stateManager where the running means live (closed with this optimiser)
     */
    public HandRmsProp(NDManager stateManager, float learningRate, float rho, float epsilon) {
        if (!(learningRate > 0) || !(rho >= 0 && rho < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("RMSProp needs lr > 0, 0 <= rho < 1, eps > 0; got lr=" + learningRate
                    + ", rho=" + rho + ", eps=" + epsilon);
        }
        this.stateManager = stateManager.newSubManager();
        this.learningRate = learningRate;
        this.rho = rho;
        this.epsilon = epsilon;
    }

    /** PyTorch's defaults (rho 0.99, eps 1e-8) with the given learning rate. */
    public HandRmsProp(NDManager stateManager, float learningRate) {
        this(stateManager, learningRate, 0.99f, 1e-8f);
    }

    /** One update of every parameter that has a gradient, then zeroes those gradients. */
    public void step(List<Parameter> parameters) {
        NoGrad.run(() -> update(parameters));
    }

    private void update(List<Parameter> parameters) {
        try (NDManager scope = stateManager.newSubManager()) {
            for (Parameter p : parameters) {
                if (!p.requiresGradient()) continue;
                NDArray w = p.getArray();
                NDArray g = w.getGradient();
                g.attach(scope);  // the handle, not the gradient storage: closing it keeps the gradient alive
                NDArray v =
                        meanSquare.computeIfAbsent(p.getId(), id -> stateManager.zeros(w.getShape(), w.getDataType()));
                v.muli(rho).addi(g.square().muli(1 - rho));
                NDArray denominator = v.sqrt();
                denominator.attach(scope);  // results attach to their input's manager: keep v's manager clean
                w.subi(g.div(denominator.addi(epsilon)).muli(learningRate));
                g.subi(g);
            }
        }
    }

    /** The running mean of squared gradients of a parameter (null before its first step). */
    NDArray meanSquareOf(Parameter p) {
        return meanSquare.get(p.getId());
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
