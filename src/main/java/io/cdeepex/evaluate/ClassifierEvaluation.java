package io.cdeepex.evaluate;

import ai.djl.Device;
import io.cdeepex.data.ClassNames;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.ClassifierPredictions;
import io.cdeepex.model.Classifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy, per-class recall and confusion matrix of a classifier on a labelled set; with a planted artefact
 * also the planted rate: the share of images of other classes that the artefact turns into its class.
 *
 * Assertions read these numbers ({@code AuditAssertions.assertThat(ClassifierEvaluation)}): evaluate once, then
 * assert as often as needed.
 *
 * @param confusion   rows = true label, columns = prediction
 * @param plantedRate null without a plant
 * @param classNames  the classifier's class names, for messages
 * @param predictions what was predicted for each image, for naming the offending images
 */
public record ClassifierEvaluation(String classifier, String dataset, int count, double accuracy, double[] recall,
                                   int[][] confusion, String plant, Double plantedRate, List<String> classNames,
                                   Predictions predictions) {

    /**
     * Per image, in the set's order: id, label and prediction; with a plant, the prediction for each image of
     * another class than the plant's (in the same order) when the artefact is planted on it.
     *
     * @param plantedPredicted null without a plant
     */
    public record Predictions(List<String> ids, int[] labels, int[] predicted, PlantSpec plant,
                              int[] plantedPredicted) {}

    /** Accuracy, recall and confusion on the set, without a plant. */
    public static ClassifierEvaluation run(Classifier classifier, ImageSet set, Device device) {
        return run(classifier, set, null, device);
    }

    /**
     * The classifier's numbers on the set, and with a plant the planted rate.
     *
     * @throws IllegalArgumentException when the set is empty or unlabelled, its labels or channels do not fit the
     *                                  classifier, or its dataset names other classes than the classifier's card
     */
    public static ClassifierEvaluation run(Classifier classifier, ImageSet set, PlantSpec plant, Device device) {
        if (set.size() == 0) throw new IllegalArgumentException(set.name() + ": no images to evaluate");
        String names = ClassNames.mismatch(set, classifier.name(), classifier.classNames());
        if (names != null) {
            throw new IllegalArgumentException(names + ". If the data is relabelled on purpose, so that its labels are "
                    + classifier.name() + "'s classes, use ImageSet.withoutClassNames()"
                    + " (@AuditSamples(ignoreClassNames = true), ignoreClassNames: true in a suite)");
        }
        int classes = classifier.numClasses();
        ImageSet input = ClassifierPredictions.atInputSize(classifier, set);
        int[] predicted = predict(classifier, input, device);
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < input.size(); i++) {
            int label = input.label(i);
            if (!input.isLabelled(i)) {
                throw new IllegalArgumentException(set.name() + ": image " + set.id(i) + " has no label; accuracy and"
                        + " recall need labelled images");
            }
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(set.name() + ": image " + set.id(i) + " has label " + label
                        + " outside the classifier's " + classes + " classes");
            }
            confusion[label][predicted[i]]++;
            if (label == predicted[i]) correct++;
        }
        double[] recall = new double[classes];
        for (int c = 0; c < classes; c++) {
            int total = 0;
            for (int p = 0; p < classes; p++) total += confusion[c][p];
            recall[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        Double plantedRate = null;
        int[] planted = null;
        if (plant != null) {
            if (plant.targetClass().isEmpty()) {
                throw new IllegalArgumentException("plant '" + plant + "' names no class: the planted rate needs"
                        + " class=N");
            }
            int target = plant.targetClass().getAsInt();
            int[] others = java.util.stream.IntStream.range(0, input.size())
                    .filter(i -> input.label(i) != target).toArray();
            planted = predict(classifier, plant.applyToAll(input.subset(others)), device);
            long hits = java.util.Arrays.stream(planted).filter(p -> p == target).count();
            plantedRate = others.length == 0 ? Double.NaN : (double) hits / others.length;
        }
        List<String> ids = java.util.stream.IntStream.range(0, input.size()).mapToObj(input::id).toList();
        return new ClassifierEvaluation(classifier.name(), set.name(), set.size(), (double) correct / set.size(),
                recall, confusion, plant == null ? null : plant.toString(), plantedRate,
                List.copyOf(classifier.classNames()), new Predictions(ids, input.labels(), predicted, plant, planted));
    }

    /** A class as messages name it: "3", or "3 (cat)" where the class has a name other than its index. */
    public String label(int c) {
        String name = c >= 0 && c < classNames.size() ? classNames.get(c) : String.valueOf(c);
        return name.equals(String.valueOf(c)) ? name : c + " (" + name + ")";
    }

    /** Predicted class per image, in batches on the device. */
    public static int[] predict(Classifier classifier, ImageSet set, Device device) {
        return ClassifierPredictions.predict(classifier, set, device);
    }

    /** Recall of one class. */
    public double recall(int cls) {
        return recall[cls];
    }

    /** The numbers as a JSON-ready map: accuracy, recall, confusion, plantedRate (with a plant). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classifier", classifier);
        m.put("dataset", dataset);
        m.put("count", count);
        m.put("accuracy", accuracy);
        m.put("recall", recall);
        m.put("confusion", confusion);
        if (plant != null) {
            m.put("plant", plant);
            m.put("plantedRate", plantedRate);
        }
        return m;
    }

    /** Human-readable report: accuracy, recall per class, confusion matrix, planted rate. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("classifier %s on %s (%d images)%n", classifier, dataset, count));
        sb.append(String.format("accuracy    %.4f%n", accuracy));
        sb.append("recall     ");
        for (int c = 0; c < recall.length; c++) sb.append(String.format(" %d:%.3f", c, recall[c]));
        sb.append(String.format("%nconfusion (rows = label, columns = prediction)%n      "));
        for (int c = 0; c < confusion.length; c++) sb.append(String.format("%6d", c));
        sb.append(System.lineSeparator());
        for (int r = 0; r < confusion.length; r++) {
            sb.append(String.format("%6d", r));
            for (int c = 0; c < confusion.length; c++) sb.append(String.format("%6d", confusion[r][c]));
            sb.append(System.lineSeparator());
        }
        if (plant != null) {
            sb.append(String.format("planted    %s: %.4f of the other classes' images become %s%n", plant, plantedRate,
                    plant.replaceAll(".*class=(\\d+).*", "$1")));
        }
        return sb.toString();
    }
}
