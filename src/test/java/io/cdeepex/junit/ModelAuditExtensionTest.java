package io.cdeepex.junit;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Attachment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Injection of every kind into fields and parameters, run by Surefire like any audit (with the committed tiny
 * TorchScript models; the run's Allure listener is live, so attachments can be checked).
 */
@ModelAudit(models = "src/test/resources/models", device = "cpu")
class ModelAuditExtensionTest {
    @AuditClassifier("tiny-cnn")
    private Classifier classifier;

    @AuditGenerator("tiny-gen")
    Generator generator;

    @AuditSamples(include = 3, count = 4, seed = 5)
    static ImageSet threes;

    @AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", inversionSteps = 10, inversionStarts = 1,
            maxOuterIterations = 2, innerSteps = 3)
    Explainer quickExplainer;

    @Test
    void injectsClassifierGeneratorAndSamplesIntoFields() {
        assertThat(classifier.name()).isEqualTo("tiny-cnn");
        assertThat(classifier.numClasses()).isEqualTo(10);
        assertThat(generator.name()).isEqualTo("tiny-gen");
        assertThat(generator.latentSize()).isEqualTo(8);
        assertThat(threes.size()).isEqualTo(4);
        assertThat(threes.labels()).containsOnly(3);
    }

    @Test
    void parametersGetTheSameSharedModelsAsFields(@AuditClassifier("tiny-cnn") Classifier c,
                                                  @AuditGenerator("tiny-gen") Generator g,
                                                  @AuditClassifier("src/test/resources/models/tiny-cnn")
                                                          Classifier byPath,
                                                  AuditModels models) {
        assertThat(c).isSameAs(classifier);
        assertThat(g).isSameAs(generator);
        assertThat(byPath).as("a path to the same directory is the same model").isSameAs(classifier);
        assertThat(models.classifier("tiny-cnn")).isSameAs(classifier);
        assertThat(models.device()).isEqualTo(Device.cpu());
        assertThat(models.modelsRoot().toString()).isEqualTo("src/test/resources/models");
        assertThat(quickExplainer.classifier()).isSameAs(classifier);
        assertThat(quickExplainer.generator()).isSameAs(generator);
    }

    @Test
    void samplesFollowTheFilterAndPlantTheArtefact(
            @AuditSamples(include = 3, count = 4, seed = 5) ImageSet sameThrees,
            @AuditSamples(exclude = {0, 1, 2, 3, 4, 5, 6, 7, 8}, count = 3, seed = 2,
                    plant = "square:x=1,y=2,size=6,value=0.5") ImageSet plantedNines) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < threes.size(); i++) ids.add(threes.id(i));
        List<String> again = new ArrayList<>();
        for (int i = 0; i < sameThrees.size(); i++) again.add(sameThrees.id(i));
        assertThat(again).as("same attributes, same images in the same order").isEqualTo(ids);

        assertThat(plantedNines.labels()).containsExactly(9, 9, 9);
        float[] image = plantedNines.image(0);
        int w = plantedNines.width();
        for (int row = 2; row < 8; row++) {
            for (int col = 1; col < 7; col++) assertThat(image[row * w + col]).isEqualTo(0.5f);
        }
        assertThat(image[0]).as("outside the square").isNotEqualTo(0.5f);
    }

    @Test
    void explainerSettingsComeFromTheAnnotationOverTheDefaults(
            @AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", method = Method.XGEMS, searchStarts = 3,
                    seed = 9, maxOuterIterations = 7, learningRate = 0.02, eps = 0.2, inversionSteps = 0)
                    Explainer xgems) {
        SolverSettings s = xgems.settings();
        SolverSettings d = SolverSettings.defaults();
        assertThat(s.method()).isEqualTo(Method.XGEMS);
        assertThat(s.starts().count()).isEqualTo(3);
        assertThat(s.seed()).isEqualTo(9);
        assertThat(s.search().maxOuterIterations()).isEqualTo(7);
        assertThat(s.search().innerSteps()).as("not set: default").isEqualTo(d.search().innerSteps());
        assertThat(s.search().eps()).isEqualTo(0.2);
        assertThat(s.search().learningRate()).isEqualTo(0.02);
        assertThat(s.inversion().steps()).isZero();
        assertThat(s.inversion().starts()).isEqualTo(d.inversion().starts());
        assertThat(quickExplainer.settings().search().learningRate()).as("not set: default")
                .isEqualTo(d.search().learningRate());
    }

    @Test
    void theInjectedExplainerAttachesEveryExplanationToTheRunningTest() {
        int before = attachments().size();

        List<Explanation> two = quickExplainer.explain(List.of(Question.of(threes, 0), Question.of(threes, 1)));
        List<Attachment> afterBatch = attachments().subList(before, attachments().size());
        assertThat(two).hasSize(2);
        // Summary grid (PNG + JSON) first, then six attachments per explanation.
        assertThat(afterBatch).hasSize(2 + 2 * 6);
        assertThat(afterBatch.get(0).getName())
                .startsWith("cdeepex, tiny-cnn + tiny-gen: 2 explanations, ").endsWith(" satisfy all constraints");
        assertThat(afterBatch.get(0).getType()).isEqualTo("image/png");
        for (Explanation e : two) {
            assertThat(afterBatch).filteredOn(a -> a.getName().startsWith(e.imageId() + " [cdeepex] ")).hasSize(6);
        }

        int mid = attachments().size();
        Explanation single = quickExplainer.explain(Question.of(threes, 2));
        List<Attachment> afterSingle = attachments().subList(mid, attachments().size());
        assertThat(afterSingle).as("one explanation: no summary grid").hasSize(6)
                .allSatisfy(a -> assertThat(a.getName()).startsWith(single.imageId() + " [cdeepex] "));
    }

    @Test
    void closingAnInjectedModelLeavesTheSharedOneOpen(@AuditClassifier("tiny-cnn") Classifier c,
                                                      @AuditGenerator("tiny-gen") Generator g) {
        c.close();
        g.close();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            assertThat(classifier.logits(m.zeros(new Shape(2, 1, 28, 28))).getShape()).isEqualTo(new Shape(2, 10));
            assertThat(generator.generate(m.zeros(new Shape(2, 8))).getShape()).isEqualTo(new Shape(2, 1, 28, 28));
        }
    }

    private static List<Attachment> attachments() {
        List<Attachment> out = new ArrayList<>();
        Allure.getLifecycle().updateTestCase(result -> out.addAll(result.getAttachments()));
        return out;
    }
}
