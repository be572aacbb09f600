package io.cdeepex.data;

import java.util.List;

/**
 * Whether a dataset that knows its class names speaks of the same classes as a classifier: an MNIST classifier scored
 * on Fashion-MNIST would otherwise report an accuracy, and pass a recall threshold for its class 8 on bags. Datasets
 * without class names (IDX paths, PNGs) and sets whose names were dropped on purpose
 * ({@link ImageSet#withoutClassNames()}) are not checked. Callers add how to override the check where they are.
 */
public final class ClassNames {
    /** Lists longer than this are shortened in messages. */
    private static final int SHOWN = 20;

    private ClassNames() {}

    /**
     * Null when {@code set} has no class names or the same ones as the classifier, in the same order; else a sentence
     * naming both lists and the first label where they differ.
     *
     * @param classifier       the classifier's name, for the message
     * @param classifierNames  the classifier card's {@code classNames}, indexed by class
     */
    public static String mismatch(ImageSet set, String classifier, List<String> classifierNames) {
        List<String> datasetNames = set.classNames();
        if (classifierNames == null) classifierNames = List.of();
        if (datasetNames.isEmpty() || datasetNames.equals(classifierNames)) return null;
        StringBuilder sb = new StringBuilder(set.name()).append("'s classes ").append(shown(datasetNames))
                .append(" are not ").append(classifier).append("'s classNames ").append(shown(classifierNames));
        int common = Math.min(datasetNames.size(), classifierNames.size());
        int first = 0;
        while (first < common && datasetNames.get(first).equals(classifierNames.get(first))) first++;
        if (first < common) {
            sb.append(" (label ").append(first).append(" is '").append(datasetNames.get(first))
                    .append("' in the dataset but '").append(classifierNames.get(first))
                    .append("' for the classifier)");
        } else {
            sb.append(" (the dataset has ").append(datasetNames.size()).append(" classes, the classifier ")
                    .append(classifierNames.size()).append(")");
        }
        return sb.append(": its labels would be scored as classes they are not").toString();
    }

    private static String shown(List<String> names) {
        if (names.size() <= SHOWN) return names.toString();
        return names.subList(0, SHOWN).toString().replaceAll("]$", ", … (" + names.size() + " in all)]");
    }
}
