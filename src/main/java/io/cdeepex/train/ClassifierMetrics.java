package io.cdeepex.train;

import io.cdeepex.evaluate.ClassifierEvaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The numbers a classifier card records, and the accuracy the trainer reports per epoch. */
public final class ClassifierMetrics {
    private ClassifierMetrics() {}

    /** Fraction of predictions equal to the labels. */
    public static double accuracy(int[] predictions, int[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + labels.length + " labels");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (predictions[i] == labels[i]) correct++;
        return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
    }

    /**
     * The card's {@code metrics}: {@code testSet}, {@code testImages}, {@code testAccuracy} and
     * {@code perClassRecall} (class name to recall) on the clean test set; with a planted evaluation also
     * {@code cleanTargetRecall} (recall of the plant's class on clean images) and {@code plantedRate} (share of
     * the other classes' images that the planted artefact turns into the plant's class).
     *
     * @param planted the evaluation with the plant given, or null for a clean classifier
     */
    public static Map<String, Object> cardMetrics(ClassifierEvaluation clean, ClassifierEvaluation planted,
                                                  List<String> classNames) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("testSet", clean.dataset());
        metrics.put("testImages", clean.count());
        metrics.put("testAccuracy", round(clean.accuracy()));
        Map<String, Object> recall = new LinkedHashMap<>();
        for (int c = 0; c < clean.recall().length; c++) recall.put(classNames.get(c), round(clean.recall(c)));
        metrics.put("perClassRecall", recall);
        if (planted != null) {
            int target = Integer.parseInt(planted.plant().replaceAll(".*class=(\\d+).*", "$1"));
            metrics.put("cleanTargetRecall", round(clean.recall(target)));
            metrics.put("plantedRate", round(planted.plantedRate()));
        }
        return metrics;
    }

    /** Four decimals: what a card needs, without float noise. */
    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10000.0) / 10000.0;
    }
}
