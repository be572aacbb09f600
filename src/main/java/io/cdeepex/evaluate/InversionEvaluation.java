package io.cdeepex.evaluate;

import ai.djl.Device;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Is a generator good enough to explain with? Inverts labelled images (Procedure 2, the explainer's inversion
 * settings) and asks the classifier about each reconstruction G(z0): the share it assigns to the image's own label
 * (the model-zoo bar is 95% for MNIST) and the mean per-pixel squared error. An explanation is only as good as the
 * point it starts from: if G(z0) is another digit, "what must change" answers a different question.
 *
 * <p>The label-based share cannot exceed the classifier's own accuracy on the originals, which is reported beside
 * it ({@code originalAccuracy}), as is the share of reconstructions that get the class the classifier gave the
 * original ({@code decisionKeptRate}): with a judge far from perfect (Fashion-MNIST) that is the generator's part.
 *
 * @param ownLabelRate  share of reconstructions the classifier assigns to the image's label
 * @param originalAccuracy share of the original images the classifier assigns to their label (the ceiling above)
 * @param decisionKeptRate share of reconstructions assigned the class the classifier gives the original image
 * @param meanSquaredError mean over images of the per-pixel squared error of G(z0) against the image
 * @param worstIds      up to ten images whose reconstruction was assigned another class, for the report
 * @param starts        how z0 was searched: the random starts, whether the encoder gave one, the Adam steps
 */
public record InversionEvaluation(String classifier, String generator, String dataset, int count,
                                  double ownLabelRate, double originalAccuracy, double decisionKeptRate,
                                  double meanSquaredError, java.util.List<String> worstIds,
                                  String starts) {
    private static final int BATCH = 100;

    public static InversionEvaluation run(Classifier classifier, Generator generator, ImageSet set,
                                          SolverSettings settings, Device device) {
        if (set.size() == 0) throw new IllegalArgumentException(set.name() + ": no images to invert");
        Explainer explainer = new Explainer(classifier, generator, settings, device);
        Explainer.Reconstructions r = explainer.reconstruct(set, BATCH);
        int c = (int) classifier.inputShape().get(0);
        int h = (int) classifier.inputShape().get(1);
        int w = (int) classifier.inputShape().get(2);
        ImageSet reconstructed = set.withPixels(c, h, w, r.images());
        int[] predicted = ClassifierEvaluation.predict(classifier, reconstructed, device);
        int[] onOriginal = ClassifierEvaluation.predict(classifier, set, device);
        int own = 0;
        int originalRight = 0;
        int kept = 0;
        double mse = 0;
        java.util.List<String> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (onOriginal[i] == set.label(i)) originalRight++;
            if (predicted[i] == onOriginal[i]) kept++;
            if (predicted[i] == set.label(i)) own++;
            else if (wrong.size() < 10)
                wrong.add(set.id(i) + " (label " + set.label(i) + ", G(z0) read as " + predicted[i] + ")");
            mse += r.meanSquaredError()[i];
        }
        return new InversionEvaluation(classifier.name(), generator.name(), set.name(), set.size(),
                (double) own / set.size(), (double) originalRight / set.size(), (double) kept / set.size(),
                mse / set.size(), java.util.List.copyOf(wrong),
                settings.inversion().starts() + " random start(s)"
                        + (generator.encoder().isPresent() ? " + the encoder's" : "") + ", "
                        + settings.inversion().steps() + " steps");
    }

    public String report() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "inversion  %s through %s on %s (%d images): %.4f of the reconstructions G(z0) keep their label; "
                        + "mean per-pixel squared error %.5f%n"
                        + "  (the classifier assigns %.4f of the originals to their label; %.4f of the reconstructions"
                        + " get the class it gives the original; z0 from %s)%n", generator, classifier, dataset, count,
                ownLabelRate, meanSquaredError, originalAccuracy, decisionKeptRate, starts));
        for (String id : worstIds) out.append("  relabelled: ").append(id).append('\n');
        return out.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put("classifier", classifier);
        m.put("dataset", dataset);
        m.put("count", count);
        m.put("ownLabelRate", ownLabelRate);
        m.put("originalAccuracy", originalAccuracy);
        m.put("decisionKeptRate", decisionKeptRate);
        m.put("meanSquaredError", meanSquaredError);
        m.put("relabelled", worstIds);
        m.put("starts", starts);
        return m;
    }
}
