package io.cdeepex.explain;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code retryStarts} on the MNIST fixtures: a search cut short (10 x 10 steps) leaves some questions unanswered,
 * and the second round from walked starts answers some of them; the answered ones keep their first answer, and so do
 * the ones the second round does not answer either.
 */
class SearchRetryTest {
    static final SolverSettings SHORT = SolverSettings.defaults().withIterations(10, 10).toBuilder()
            .inversionSteps(30).build();
    static Classifier classifier;
    static Generator generator;
    static List<Question> questions;
    static List<Explanation> once;
    static List<Explanation> twice;

    @BeforeAll
    static void load() {
        Path models = Path.of("models");
        classifier = ModelLoader.loadClassifier(models.resolve("mnist-classifier"), Device.cpu());
        generator = ModelLoader.loadGenerator(models.resolve("mnist-vae"), Device.cpu());
        ImageSet set = Datasets.load("mnist-samples").subset(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        questions = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) questions.add(Question.of(set, i));
        once = explain(SHORT.toBuilder().retryStarts(0).build(), questions);
        twice = explain(SHORT, questions);
    }

    @AfterAll
    static void close() {
        classifier.close();
        generator.close();
    }

    static List<Explanation> explain(SolverSettings s, List<Question> qs) {
        return new Explainer(classifier, generator, s, Device.cpu()).explain(qs);
    }

    @Test
    void theSecondRoundAnswersQuestionsTheFirstLeftOpenAndKeepsTheAnsweredOnes() {
        int open = 0;
        int answeredAgain = 0;
        for (int i = 0; i < questions.size(); i++) {
            Explanation a = once.get(i);
            Explanation b = twice.get(i);
            if (a.satisfied()) {
                assertThat(b.latentDistance()).as("question %d was answered: the same answer", i)
                        .isEqualTo(a.latentDistance());
                assertThat(b.difference()).as("question %d: the same map", i).containsExactly(a.difference());
                assertThat(b.modelEvaluations()).as("question %d: no extra passes", i)
                        .isEqualTo(a.modelEvaluations());
                continue;
            }
            open++;
            assertThat(b.modelEvaluations()).as("question %d was searched again: the walks' passes and more", i)
                    .isGreaterThan(a.modelEvaluations() + SearchRetry.DIRECTIONS);
            if (b.satisfied()) {
                answeredAgain++;
            } else {
                assertThat(b.difference()).as("question %d stays open: the first round's answer is kept", i)
                        .containsExactly(a.difference());
            }
        }
        assertThat(open).as("questions the short search leaves unanswered").isPositive();
        assertThat(answeredAgain).as("of those, answered by the second round").isPositive();
    }

    @Test
    void aRetriedQuestionGetsTheSameAnswerAloneAsInABatch() {
        int i = 0;
        while (i < questions.size() && once.get(i).satisfied()) i++;
        assertThat(i).as("a question the first round left open").isLessThan(questions.size());
        Explanation alone = explain(SHORT, List.of(questions.get(i))).get(0);
        double d = twice.get(i).latentDistance();
        // the walks' directions come from the seed and the image id, not from the question's place in the batch
        assertThat(alone.latentDistance()).as("question %d", i).isCloseTo(d, within(1e-3 + 1e-3 * d));
        assertThat(alone.satisfied()).as("question %d", i).isEqualTo(twice.get(i).satisfied());
        assertThat(alone.modelEvaluations()).as("question %d", i).isEqualTo(twice.get(i).modelEvaluations());
    }
}
