package io.cdeepex.explain;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.data.ImageTransforms;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns questions into what every method solves: each image at the classifier's input size, its class
 * probabilities, and the true and probe class with {@link Question#PREDICTED} and {@link Question#SECOND} resolved
 * against those probabilities. A question about a class the classifier does not have is a clear error.
 */
final class QuestionResolver {
    private QuestionResolver() {}

    /**
     * @param ids        image ids, for the results
     * @param images     C*H*W inputs at the classifier's size
     * @param before     their class probabilities
     * @param trueClass  resolved true class per question
     * @param probeClass resolved probe class per question
     */
    record Resolved(List<String> ids, float[][] images, float[][] before, int[] trueClass, int[] probeClass) {
        int size() { return images.length; }
    }

    static Resolved resolve(LatentPipeline pipeline, NDManager base, List<Question> questions) {
        Shape in = pipeline.classifier().inputShape();
        int n = questions.size();
        int classes = pipeline.classifier().numClasses();
        float[][] images = new float[n][];
        for (int i = 0; i < n; i++) {
            images[i] = toClassifierInput(questions.get(i), (int) in.get(0), (int) in.get(1), (int) in.get(2));
        }
        float[][] before = exp(pipeline.logLikelihoods(base, images));
        int[] trueClass = new int[n];
        int[] probeClass = new int[n];
        for (int i = 0; i < n; i++) {
            Question q = questions.get(i);
            int[] order = ranking(before[i]);
            trueClass[i] = q.trueClass() == Question.PREDICTED ? order[0]
                    : checkClass(q.trueClass(), classes, q, "true");
            probeClass[i] = q.probeClass() == Question.SECOND
                    ? (order[0] == trueClass[i] ? order[1] : order[0])
                    : checkClass(q.probeClass(), classes, q, "probe");
            if (probeClass[i] == trueClass[i]) {
                throw new IllegalArgumentException(q.imageId() + ": probe class " + probeClass[i]
                        + " equals the true class; ask about another class");
            }
        }
        return new Resolved(questions.stream().map(Question::imageId).toList(), images, before, trueClass,
                probeClass);
    }

    static float[] toClassifierInput(Question q, int c, int h, int w) {
        if (q.channels() != c) {
            throw new IllegalArgumentException(q.imageId() + ": image has " + q.channels()
                    + " channel(s) but the classifier expects " + c);
        }
        if (q.image().length != q.channels() * q.height() * q.width()) {
            throw new IllegalArgumentException(q.imageId() + ": " + q.image().length + " pixel values for a "
                    + q.channels() + "x" + q.height() + "x" + q.width() + " image");
        }
        return q.height() == h && q.width() == w ? q.image()
                : ImageTransforms.resize(q.image(), c, q.height(), q.width(), h, w);
    }

    private static int checkClass(int cls, int classes, Question q, String role) {
        if (cls < 0 || cls >= classes) {
            throw new IllegalArgumentException(q.imageId() + ": " + role + " class " + cls
                    + " is outside the classifier's " + classes + " classes (0.." + (classes - 1) + ")");
        }
        return cls;
    }

    /** Class indices by decreasing probability. */
    static int[] ranking(float[] p) {
        return IntStream.range(0, p.length).boxed()
                .sorted((a, b) -> Float.compare(p[b], p[a])).mapToInt(Integer::intValue).toArray();
    }

    static float[][] exp(float[][] llh) {
        float[][] out = new float[llh.length][];
        for (int i = 0; i < llh.length; i++) {
            out[i] = new float[llh[i].length];
            for (int j = 0; j < llh[i].length; j++) out[i][j] = (float) Math.exp(llh[i][j]);
        }
        return out;
    }
}
