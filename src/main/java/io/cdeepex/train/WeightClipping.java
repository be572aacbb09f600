package io.cdeepex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.List;

/** Clips parameters into [-c, c] in place: the WGAN critic's crude way to stay Lipschitz (Arjovsky et al.). */
public final class WeightClipping {
    private WeightClipping() {}

    public static void clip(List<Parameter> parameters, float c, NDManager scopeParent) {
        if (!(c > 0)) throw new IllegalArgumentException("clip value must be > 0, got " + c);
        NoGrad.run(() -> clipAll(parameters, c, scopeParent));
    }

    private static void clipAll(List<Parameter> parameters, float c, NDManager scopeParent) {
        try (NDManager scope = scopeParent.newSubManager()) {
            for (Parameter p : parameters) {
                NDArray w = p.getArray();
                NDArray clipped = w.clip(-c, c);
                clipped.attach(scope);
                // In place so that the parameter keeps its identity (and gradient slot); w += clipped - w.
                w.addi(clipped.sub(w));
            }
        }
    }
}
