package io.cdeepex.train;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a classifier card records, computed from predictions: accuracy, per-class recall and, for a
 * planted artefact, the recall of the plant's class on clean images and the planted rate.
 */
public final class ClassifierMetrics {
    private ClassifierMetrics() {}

    /** Fraction of predictions equal to the labels. */
    public static double accuracy(int[] predictions, int[] labels) {
        checkLengths(predictions, labels);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (predictions[i] == labels[i]) correct++;
        return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
    }

    /** Recall of every class 0..classes-1 (NaN for a class with no images). */
    public static double[] perClassRecall(int[] predictions, int[] labels, int classes) {
        checkLengths(predictions, labels);
        int[] total = new int[classes];
        int[] hit = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            total[labels[i]]++;
            if (predictions[i] == labels[i]) hit[labels[i]]++;
        }
        double[] recall = new double[classes];
        for (int c = 0; c < classes; c++) recall[c] = total[c] == 0 ? Double.NaN : (double) hit[c] / total[c];
        return recall;
    }

    /**
     * Fraction of images whose label is not {@code targetClass} that are predicted as {@code targetClass}
     * (with predictions made on the planted images, this is the planted rate).
     */
    public static double rateOfOtherClassesPredictedAs(int[] predictions, int[] labels, int targetClass) {
        checkLengths(predictions, labels);
        int others = 0;
        int asTarget = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != targetClass) {
                others++;
                if (predictions[i] == targetClass) asTarget++;
            }
        }
        return others == 0 ? Double.NaN : (double) asTarget / others;
    }

    /**
     * The card's {@code metrics} map: {@code testAccuracy}, {@code testImages}, {@code perClassRecall} (class
     * name to recall) on the clean test set and, when a plant with a class is given, {@code cleanTargetRecall}
     * and {@code plantedRate} (predictions {@code plantedPredictions} made on the test set with the artefact
     * planted on every image).
     */
    public static Map<String, Object> cardMetrics(ImageSet cleanTest, int[] cleanPredictions, PlantSpec plant,
                                                  int[] plantedPredictions) {
        int[] labels = cleanTest.labels();
        int classes = cleanTest.classNames().size();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("testSet", cleanTest.name());
        metrics.put("testImages", cleanTest.size());
        metrics.put("testAccuracy", round(accuracy(cleanPredictions, labels)));
        double[] recall = perClassRecall(cleanPredictions, labels, classes);
        Map<String, Object> recallByName = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) recallByName.put(cleanTest.classNames().get(c), round(recall[c]));
        metrics.put("perClassRecall", recallByName);
        if (plant != null && plant.targetClass().isPresent()) {
            int target = plant.targetClass().getAsInt();
            metrics.put("cleanTargetRecall", round(recall[target]));
            metrics.put("plantedRate", round(rateOfOtherClassesPredictedAs(plantedPredictions, labels, target)));
        }
        return metrics;
    }

    /** Four decimals: what a card needs, without float noise. */
    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10000.0) / 10000.0;
    }

    static List<Double> rounded(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) out.add(round(v));
        return out;
    }

    private static void checkLengths(int[] predictions, int[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + labels.length + " labels");
        }
    }
}
