package io.cdeepex.audits;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Region;
import io.cdeepex.junit.AuditModels;
import io.cdeepex.model.Classifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the MNIST paper audits share: the fixtures' presence, the planted square's region, the question set. */
final class MnistFixtures {
    /** Pixels added around the planted square: the generator draws it with soft edges. */
    static final int SQUARE_MARGIN = 2;

    private MnistFixtures() {}

    /** Skips the calling test (with the reason) until the MNIST fixtures exist under the models root. */
    static void assumePresent() {
        Path root = Path.of(System.getProperty("cdeepex.models", "models"));
        for (String model : List.of("mnist-classifier", "mnist-vae", "mnist-biased8", "mnist-vae-biased8",
                "mnist-vae-square-anywhere")) {
            assumeTrue(Files.isDirectory(root.resolve(model)),
                    () -> "MNIST fixture " + root.resolve(model).toAbsolutePath() + " is not there yet");
        }
    }

    /** The artefact the biased classifier's card says was planted in its training data. */
    static PlantSpec plantOf(Classifier classifier) {
        String plant = classifier.card().plant;
        if (plant == null || plant.isBlank()) {
            throw new IllegalStateException(classifier.name() + "/model.yaml: field 'plant' is missing; the bias audit"
                    + " needs the planted artefact, e.g. square:class=8,x=0,y=0,size=6,value=0.5");
        }
        return PlantSpec.parse(plant);
    }

    /** The planted square in classifier-input pixels, grown by {@link #SQUARE_MARGIN} and kept inside the image. */
    static Region plantedRegion(Classifier classifier) {
        PlantSpec p = plantOf(classifier);
        int h = (int) classifier.inputShape().get(1);
        int w = (int) classifier.inputShape().get(2);
        int x = Math.max(0, p.x() - SQUARE_MARGIN);
        int y = Math.max(0, p.y() - SQUARE_MARGIN);
        return new Region(x, y, Math.min(w, p.x() + p.size() + SQUARE_MARGIN) - x,
                Math.min(h, p.y() + p.size() + SQUARE_MARGIN) - y);
    }

    static ImageSet predictedOtherThan(Classifier classifier, ImageSet images, int cls, AuditModels models) {
        int[] predicted = ClassifierEvaluation.predict(classifier, images, models.device());
        return images.subset(IntStream.range(0, images.size()).filter(i -> predicted[i] != cls).toArray());
    }
}
