package io.cdeepex.audit.suite;

/**
 * The contrastive question of a case: "why {@code trueClass} and not {@code probeClass}?".
 *
 * @param trueClass  a class index, {@link #PREDICTED} (the classifier's answer) or {@link #LABEL} (the dataset label)
 * @param probeClass a class index or {@link #SECOND} (the classifier's second most likely class)
 */
public record QuestionSpec(int trueClass, int probeClass) {
    public static final int PREDICTED = -1;
    public static final int LABEL = -2;
    public static final int SECOND = -1;

    /** The paper's setting: true = the classifier's answer, probe = its runner-up. */
    public static final QuestionSpec DEFAULT = new QuestionSpec(PREDICTED, SECOND);

    @Override
    public String toString() {
        String t = trueClass == PREDICTED ? "predicted" : trueClass == LABEL ? "label" : String.valueOf(trueClass);
        String p = probeClass == SECOND ? "second" : String.valueOf(probeClass);
        return "why " + t + " and not " + p;
    }
}
