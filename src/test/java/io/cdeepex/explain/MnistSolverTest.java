package io.cdeepex.explain;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The solver's claims on the shipped MNIST fixtures (issue: the CDeepEx solver). Modest sample counts keep
 * `mvn test` short; the numbers are printed so the closing notes can quote them.
 */
class MnistSolverTest {
    static final Path MODELS = Path.of("models");
    static final Region TOP_LEFT = new Region(0, 0, 10, 10);

    static ImageSet samples(List<Integer> exclude, int count, long seed) {
        return new SampleFilter(List.of(), exclude, count, seed).select(Datasets.load("mnist-samples"));
    }

    @Test
    void cdeepexSatisfiesTheConstraintsWhereXgemsLetsAThirdClassWin() {
        try (Classifier c = ModelLoader.loadClassifier(MODELS.resolve("mnist-classifier"), Device.cpu());
             Generator g = ModelLoader.loadGenerator(MODELS.resolve(c.card().generator), Device.cpu())) {
            ImageSet digits = samples(List.of(), 16, 11);
            Explainer explainer = new Explainer(c, g, SolverSettings.defaults(), Device.cpu());
            List<Explanation> cdeepex = explainer.explain(digits, Question.SECOND);
            List<Explanation> xgems = explainer.with(SolverSettings.defaults().withMethod(Method.XGEMS))
                    .explain(digits, Question.SECOND);
            double satisfied = rate(cdeepex, Explanation::satisfied);
            double onTop = rate(cdeepex, Explanation::trueAndProbeOnTop);
            double thirdCdeepex = rate(cdeepex, Explanation::thirdClassWins);
            double thirdXgems = rate(xgems, Explanation::thirdClassWins);
            double notOnTopXgems = rate(xgems, e -> !e.trueAndProbeOnTop());
            System.out.printf("constraint audit (16 digits, probe = second): CDeepEx satisfied %.3f, true+probe on top %.3f, "
                    + "third class wins %.3f; xGEMs third class wins %.3f, true+probe not on top %.3f%n",
                    satisfied, onTop, thirdCdeepex, thirdXgems, notOnTopXgems);
            cdeepex.forEach(e -> System.out.println("  " + e.summary()));
            xgems.forEach(e -> System.out.println("  " + e.summary()));
            assertThat(satisfied).as("CDeepEx constraint satisfaction").isGreaterThanOrEqualTo(0.95);
            assertThat(onTop).as("true and probe the two most likely").isGreaterThanOrEqualTo(0.95);
            assertThat(thirdCdeepex + rate(cdeepex, e -> !e.trueAndProbeOnTop()))
                    .as("CDeepEx's third-class failures below xGEMs'")
                    .isLessThan(thirdXgems + notOnTopXgems);
        }
    }

    @Test
    void whyNotEightOnTheBiasedClassifierPointsAtTheSquare() {
        try (Classifier c = ModelLoader.loadClassifier(MODELS.resolve("mnist-biased8"), Device.cpu());
             Generator g = ModelLoader.loadGenerator(MODELS.resolve(c.card().generator), Device.cpu())) {
            ImageSet digits = samples(List.of(8), 8, 5);
            List<Explanation> out = new Explainer(c, g, SolverSettings.defaults().withSearchStarts(3, 0.3), Device.cpu())
                    .explain(digits, 8);
            double meanRed = out.stream().mapToDouble(e -> e.redMassFraction(TOP_LEFT)).average().orElse(0);
            double maxInside = rate(out, e -> e.maximumInside(TOP_LEFT, +1));
            double area = TOP_LEFT.width() * TOP_LEFT.height() / (double) (64 * 64);
            System.out.printf("bias audit (8 non-8 digits, probe 8): mean red mass in %s %.3f (area share %.3f), "
                    + "red maximum inside %.3f, satisfied %.3f%n", TOP_LEFT, meanRed, area, maxInside,
                    rate(out, Explanation::satisfied));
            out.forEach(e -> System.out.printf("  %s red-in-square %.3f%n", e.summary(), e.redMassFraction(TOP_LEFT)));
            assertThat(meanRed).as("mean share of the red mass in the top-left square region").isGreaterThan(0.5);
        }
    }

    static double rate(List<Explanation> es, java.util.function.Predicate<Explanation> p) {
        return es.stream().filter(p).count() / (double) es.size();
    }
}
