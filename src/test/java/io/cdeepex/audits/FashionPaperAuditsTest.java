package io.cdeepex.audits;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.Region;
import io.cdeepex.junit.AuditModels;
import io.cdeepex.junit.ModelAudit;
import io.cdeepex.model.Classifier;
import io.cdeepex.report.AllureAttachments;
import io.cdeepex.report.ClassLabels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static io.cdeepex.assertions.AuditAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The paper's Fashion-MNIST experiment (§4.2): "T-shirt, not shirt?" and "trousers, not coat?" asked of a VGG16 and a
 * ResNet101 (narrow, see their cards) with the same generator (their cards' {@code fashion-vae64}, on the inversion
 * bar under the VGG16 and twice as fast to explain with as the latent-128 ones, see
 * docs/experiments/fashion-generators.md), CDeepEx and xGEMs side by side. What differs between the architectures is
 * reported as numbers (red/blue mass in the sleeve regions) and pictures; what the method promises is asserted.
 */
@ModelAudit
@Tag("paper-audit")
class FashionPaperAuditsTest {
    static final int TSHIRT = 0;
    static final int TROUSER = 1;
    static final int COAT = 4;
    static final int SHIRT = 6;
    /** Sleeve regions in the classifiers' 32x32 input: the outer columns beside the torso, below the shoulders. */
    static final Region LEFT_SLEEVE = new Region(0, 6, 9, 18);
    static final Region RIGHT_SLEEVE = new Region(23, 6, 9, 18);

    @BeforeEach
    void fixturesPresent() {
        Path root = Path.of(System.getProperty("cdeepex.models", "models"));
        for (String model : List.of("fashion-vgg16", "fashion-resnet101", "fashion-vae64")) {
            assumeTrue(Files.isDirectory(root.resolve(model)),
                    () -> "Fashion-MNIST fixture " + root.resolve(model).toAbsolutePath() + " is not there yet");
        }
    }

    @ParameterizedTest(name = "{0}: T-shirt, not shirt? (CDeepEx vs xGEMs)")
    @ValueSource(strings = {"fashion-vgg16", "fashion-resnet101"})
    void tshirtNotShirt(String classifierName, AuditModels models) {
        audit(classifierName, models, TSHIRT, SHIRT);
    }

    @ParameterizedTest(name = "{0}: trousers, not coat? (CDeepEx vs xGEMs)")
    @ValueSource(strings = {"fashion-vgg16", "fashion-resnet101"})
    void trousersNotCoat(String classifierName, AuditModels models) {
        Map<String, List<Explanation>> answers = audit(classifierName, models, TROUSER, COAT);
        // Other classes (dresses, pullovers) lie between trousers and coats: without the inequalities the search ends
        // in one of them (the paper's Fig. 5 claim; 20 of 20 VGG16 and 12 of 20 ResNet101 questions on 20 images,
        // docs/experiments/fashion-generators.md). T-shirt and shirt are each other's nearest class, so there xGEMs has
        // nothing to lose.
        assertThat(answers.get("cdeepex")).hasThirdClassWinningRateBelow(answers.get("xgems"));
    }

    private static Map<String, List<Explanation>> audit(String classifierName, AuditModels models, int label,
                                                        int probe) {
        Classifier classifier = models.classifier(classifierName);
        Explainer cdeepex = models.explainer(classifierName);
        Explainer xgems = cdeepex.with(cdeepex.settings().withMethod(Method.XGEMS));
        List<Question> questions = questions(models, classifier, label, probe);
        assertThat(questions)
                .as("%s gets none of the audit's class-%d images right", classifierName, label)
                .isNotEmpty();

        List<Explanation> withConstraints = cdeepex.explain(questions);
        List<Explanation> equalityOnly = xgems.explain(questions);
        Map<String, List<Explanation>> byMethod = new LinkedHashMap<>();
        byMethod.put("cdeepex", withConstraints);
        byMethod.put("xgems", equalityOnly);
        ClassLabels labels = ClassLabels.of(classifier.classNames());
        AllureAttachments.attachComparison(classifierName + ": CDeepEx vs xGEMs", byMethod, labels);
        AllureAttachments.attachText(classifierName + ": sleeve-region mass", sleeveTable(classifierName, byMethod));

        assertThat(withConstraints)
                .satisfiesAllConstraintsInAtLeast(0.8)
                .movedProbabilityInAtLeast(0.8)
                .hasThirdClassWinningInAtMost(0.1);
        return byMethod;
    }

    /** Images of class {@code label} the classifier gets right, asked "why label and not probe?". */
    private static List<Question> questions(AuditModels models, Classifier classifier, int label, int probe) {
        ImageSet images = models.samples("fashion-samples", new SampleFilter(List.of(label), List.of(), 3, 1), null);
        int[] predicted = ClassifierEvaluation.predict(classifier, images, models.device());
        return IntStream.range(0, images.size()).filter(i -> predicted[i] == label)
                .mapToObj(i -> Question.of(images, i, label, probe)).toList();
    }

    static String sleeveTable(String classifier, Map<String, List<Explanation>> byMethod) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-18s %-8s %-14s %8s %8s %8s %8s %6s%n",
                "classifier", "method", "question", "redL", "redR", "blueL", "blueR", "sat"));
        byMethod.forEach((method, list) -> {
            for (int[] q : new int[][] {{TSHIRT, SHIRT}, {TROUSER, COAT}}) {
                List<Explanation> mine = list.stream()
                        .filter(e -> e.trueClass() == q[0] && e.probeClass() == q[1]).toList();
                if (mine.isEmpty()) continue;
                out.append(String.format(Locale.ROOT, "%-18s %-8s %-14s %8.3f %8.3f %8.3f %8.3f %3d/%d%n", classifier,
                        method, q[0] + "->" + q[1],
                        mine.stream().mapToDouble(e -> e.redMassFraction(LEFT_SLEEVE)).average().orElse(Double.NaN),
                        mine.stream().mapToDouble(e -> e.redMassFraction(RIGHT_SLEEVE)).average().orElse(Double.NaN),
                        mine.stream().mapToDouble(e -> e.blueMassFraction(LEFT_SLEEVE)).average().orElse(Double.NaN),
                        mine.stream().mapToDouble(e -> e.blueMassFraction(RIGHT_SLEEVE)).average().orElse(Double.NaN),
                        mine.stream().filter(Explanation::satisfied).count(), mine.size()));
            }
        });
        System.out.print(out);
        return out.toString();
    }
}
