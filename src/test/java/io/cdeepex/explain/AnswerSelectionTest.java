package io.cdeepex.explain;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code answerSelection} on the MNIST fixtures (the tiny models satisfy no question in a short search, so they
 * cannot tell two feasible answers apart): the same question, the same starts, two rules for which feasible answer
 * is kept.
 */
class AnswerSelectionTest {

    @Test
    void theSparsestAnswerChangesTheImageLeastAndTheNearestLiesNearestZ0() {
        SolverSettings nearest = SolverSettings.defaults().withIterations(10, 10).toBuilder().inversionSteps(30)
                .searchStarts(4).searchNoise(1.0).retryStarts(0).build();
        SolverSettings sparsest = nearest.toBuilder().answerSelection(AnswerSelection.SPARSEST).build();
        Path models = Path.of("models");
        try (Classifier c = ModelLoader.loadClassifier(models.resolve("mnist-classifier"), Device.cpu());
             Generator g = ModelLoader.loadGenerator(models.resolve("mnist-vae"), Device.cpu())) {
            ImageSet set = Datasets.load("mnist-samples").subset(new int[] {0, 1, 2, 3});
            List<Question> qs = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) qs.add(Question.of(set, i));
            List<Explanation> near = new Explainer(c, g, nearest, Device.cpu()).explain(qs);
            List<Explanation> sparse = new Explainer(c, g, sparsest, Device.cpu()).explain(qs);

            int compared = 0;
            int differing = 0;
            for (int i = 0; i < qs.size(); i++) {
                Explanation n = near.get(i);
                Explanation s = sparse.get(i);
                assertThat(s.satisfied()).as("question %d: the same rows are feasible under either rule", i)
                        .isEqualTo(n.satisfied());
                if (!n.satisfied()) continue;
                compared++;
                assertThat(pixelChange(s)).as("question %d: the sparsest answer changes no more of the image", i)
                        .isLessThanOrEqualTo(pixelChange(n) + 1e-3);
                assertThat(n.latentDistance()).as("question %d: the nearest answer lies no farther from z0", i)
                        .isLessThanOrEqualTo(s.latentDistance() + 1e-4);
                if (Math.abs(n.latentDistance() - s.latentDistance()) > 1e-4) differing++;
            }
            assertThat(compared).as("questions both rules answered").isGreaterThanOrEqualTo(2);
            assertThat(differing).as("questions on which the rules keep different answers").isPositive();
        }
    }

    private static double pixelChange(Explanation e) {
        double sum = 0;
        for (float d : e.difference()) sum += Math.abs(d);
        return sum;
    }
}
