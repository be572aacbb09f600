package io.cdeepex.explain;

import ai.djl.ndarray.NDManager;
import io.cdeepex.model.Classifier;

import java.util.List;
import java.util.ServiceLoader;
import java.util.function.IntFunction;

/**
 * The map-only methods (LIME, integrated gradients, PDA) made contrastive, as the explainer calls them. They live in
 * {@code io.cdeepex.explain.baseline}, which builds on this package; the explainer finds them through
 * {@link ServiceLoader}, so that this package does not depend on that one.
 */
public interface BaselineMethods {

    /**
     * @param classifier the classifier asked
     * @param manager    native memory of this solve
     * @param settings   the method ({@link SolverSettings#method()}), the seed and the baseline settings
     * @param questions  the resolved questions
     * @param references n -> n generator samples at the classifier's size (PDA's reference images)
     */
    record Request(Classifier classifier, NDManager manager, SolverSettings settings, Questions questions,
                   IntFunction<float[][]> references) {}

    /**
     * The questions with their classes resolved.
     *
     * @param ids        image ids, for the results
     * @param images     C*H*W inputs at the classifier's size
     * @param trueClass  true class per question
     * @param probeClass probe class per question
     * @param before     class probabilities of each input
     */
    record Questions(List<String> ids, float[][] images, int[] trueClass, int[] probeClass, float[][] before) {}

    List<Explanation> explain(Request request);

    /** The implementation on the class path. */
    static BaselineMethods load() {
        return ServiceLoader.load(BaselineMethods.class, BaselineMethods.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + BaselineMethods.class.getName()
                        + " on the class path (META-INF/services); the baseline methods are missing from the jar"));
    }
}
