package io.cdeepex.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Solver mechanics on the tiny TorchScript models (fast, real networks): determinism, batch = one by one,
 * honest results for infeasible questions, input validation. The paper's claims are tested on the MNIST
 * fixtures in {@link MnistSolverTest}.
 */
class SolverMechanicsTest {
    static Classifier classifier;
    static Generator generator;
    static ImageSet digits;
    // every search here ends at the cap: the second round (SearchRetryTest) would only repeat it
    static final SolverSettings FAST = SolverSettings.defaults().withIterations(6, 5).withInversion(30, 2)
            .toBuilder().retryStarts(0).build();

    @BeforeAll
    static void load() {
        Path models = Path.of("src/test/resources/models");
        classifier = ModelLoader.loadClassifier(models.resolve("tiny-cnn"), Device.cpu());
        generator = ModelLoader.loadGenerator(models.resolve("tiny-gen"), Device.cpu());
        digits = new SampleFilter(List.of(), List.of(), 4, 3).select(Datasets.load("mnist-samples"));
    }

    @AfterAll
    static void close() {
        classifier.close();
        generator.close();
    }

    Explainer explainer(SolverSettings s) {
        return new Explainer(classifier, generator, s, Device.cpu());
    }

    @Test
    void sameSeedGivesTheSameExplanation() {
        Explanation a = explainer(FAST).explain(Question.of(digits, 0));
        Explanation b = explainer(FAST).explain(Question.of(digits, 0));
        assertThat(b.difference()).containsExactly(a.difference());
        assertThat(b.after()).containsExactly(a.after());
        assertThat(b.latentDistance()).isEqualTo(a.latentDistance());
        Explanation other = explainer(FAST.withSeed(7)).explain(Question.of(digits, 0));
        assertThat(other.reconstruction()).as("another seed starts the inversion elsewhere")
                .isNotEqualTo(a.reconstruction());
    }

    @Test
    void aGeneratorWithoutEncoderGetsOneRandomInversionStartWhenNoneAreAsked() {
        assertThat(generator.encoder()).as("tiny-gen has no encoder").isEmpty();
        Explanation none = explainer(FAST.withInversion(30, 0)).explain(Question.of(digits, 0));
        Explanation one = explainer(FAST.withInversion(30, 1)).explain(Question.of(digits, 0));
        assertThat(none.reconstruction()).containsExactly(one.reconstruction());
        assertThat(none.latentDistance()).isEqualTo(one.latentDistance());
    }

    @Test
    void aBatchGivesTheSameAnswersAsOneByOne() {
        // one random start per image so that batch and single solves draw the same start
        SolverSettings s = FAST.withInversion(30, 1);
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) qs.add(Question.of(digits, i));
        List<Explanation> batch = explainer(s).explain(qs);
        assertThat(batch).hasSize(digits.size());
        Explanation first = explainer(s).explain(qs.get(0));
        Explanation b0 = batch.get(0);
        assertThat(b0.trueClass()).isEqualTo(first.trueClass());
        assertThat(b0.probeClass()).isEqualTo(first.probeClass());
        assertThat(b0.after()).containsExactly(first.after(), within(1e-3f));
        assertThat(b0.latentDistance()).isCloseTo(first.latentDistance(), within(1e-3 + 1e-3 * first.latentDistance()));
        assertThat(b0.difference()).containsExactly(first.difference(), within(1e-3f));
    }

    @Test
    void defaultsAreThePapersQuestionAndResultsCarryEveryNumber() {
        Explanation e = explainer(FAST).explain(Question.of(digits, 1));
        int[] order = QuestionResolver.ranking(e.before());
        assertThat(e.trueClass()).isEqualTo(order[0]);
        assertThat(e.probeClass()).isEqualTo(order[1]);
        assertThat(e.input()).hasSize(28 * 28);
        assertThat(e.difference()).hasSize(28 * 28);
        assertThat(e.constraints()).hasSize(1 + 2 * 8).first()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(Constraint.Kind.EQUALITY));
        assertThat(e.trace().length()).isEqualTo(e.iterations()).isPositive();
        assertThat(e.satisfied()).isEqualTo(e.constraints().stream().allMatch(Constraint::holds));
        Explanation x = explainer(FAST.withMethod(Method.XGEMS)).explain(Question.of(digits, 1));
        assertThat(x.constraints()).as("xGEMs has the equality only").hasSize(1);
    }

    @Test
    void anInfeasibleQuestionIsAnHonestUnsatisfiedResultAndSparesTheOthers() {
        // a margin of 60 nats over every other class cannot be met by this classifier
        List<Explanation> out = explainer(FAST.withEps(60))
                .explain(List.of(Question.of(digits, 0), Question.of(digits, 1)));
        assertThat(out).hasSize(2).allSatisfy(e -> {
            assertThat(e.satisfied()).isFalse();
            assertThat(e.stop()).isEqualTo(StopReason.ITERATION_CAP);
            assertThat(e.constraints()).anyMatch(c -> !c.holds());
            for (float p : e.after()) assertThat(p).isBetween(0f, 1f);
        });
    }

    @Test
    void badQuestionsAreClearErrors() {
        assertThatThrownBy(() -> explainer(FAST).explain(Question.of(digits, 0, Question.PREDICTED, 12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(digits.id(0)).hasMessageContaining("probe class 12").hasMessageContaining("0..9");
        assertThatThrownBy(() -> explainer(FAST).explain(Question.of(digits, 0, 3, 3)))
                .hasMessageContaining("equals the true class");
        assertThatThrownBy(() -> SolverSettings.defaults().withEps(-1)).hasMessageContaining("'eps'");
        assertThatThrownBy(() -> SolverSettings.defaults().toBuilder().lineSearchDirections(8).build())
                .hasMessageContaining("'lineSearchDirections' (8) gives extra search starts, but 'searchStarts' is 1");
        assertThatThrownBy(() -> SolverSettings.defaults().toBuilder().artefactPathStarts(true).build())
                .hasMessageContaining("'artefactPathStarts' (true) gives an extra search start,"
                        + " but 'searchStarts' is 1");
        assertThatThrownBy(() -> SolverSettings.defaults().toBuilder().eps(-1).innerSteps(0).igBaseline(1.5).build())
                .as("every bad value, whole numbers as integers")
                .isInstanceOf(InvalidSolverSettingsException.class)
                .hasMessage("solver setting 'eps' must be >= 0, got -1;"
                        + " solver setting 'innerSteps' must be >= 1, got 0;"
                        + " solver setting 'igBaseline' must be in [0, 1], got 1.5");
        SolverSettings pathStarts = FAST.toBuilder().searchStarts(2).artefactPathStarts(true).build();
        assertThatThrownBy(() -> explainer(pathStarts).withArtefact(PlantSpec.parse("square:x=0,y=0,size=6,value=0.5"))
                .explain(Question.of(digits, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no class (class=N)");
        // the caller passes the artefact (from the classifier's card); tiny-cnn's card names none
        assertThatThrownBy(() -> explainer(pathStarts)
                .explain(Question.of(digits, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no planted artefact (plant: square:class=N,...)");
    }

    @Test
    void lineSearchStartsLieWhereTheProbeCatchesUpNearestFirst() {
        LatentPipeline pipeline = new LatentPipeline(classifier, generator);
        Shape in = classifier.inputShape();
        float[] z0 = new float[generator.latentSize()];
        float[] noResidual = new float[(int) in.size()];
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] llh0 = ContrastiveSearch.logLikelihoods(pipeline, m.create(z0, new Shape(1, z0.length)),
                    m.create(noResidual, new Shape(1).addAll(in))).toFloatArray();
            int[] order = QuestionResolver.ranking(llh0);
            LineSearchStarts.Result found = LineSearchStarts.nearest(pipeline, m, z0, noResidual, in, order[0],
                    order[1], 64, 20.0, 4, new Random(1));

            assertThat(found.starts()).as("some of 64 directions reach the runner-up within 20").isNotEmpty()
                    .hasSizeLessThanOrEqualTo(4);
            assertThat(found.forwardPasses()).isBetween(64L, 64L * LineSearchStarts.STEPS);
            double previous = 0;
            for (float[] z : found.starts()) {
                float[] llh = ContrastiveSearch.logLikelihoods(pipeline, m.create(z, new Shape(1, z.length)),
                        m.create(noResidual, new Shape(1).addAll(in))).toFloatArray();
                assertThat(llh[order[1]]).as("the probe caught up").isGreaterThanOrEqualTo(llh[order[0]]);
                double distance = ContrastiveSearch.distance(z, z0);
                assertThat(distance).isGreaterThanOrEqualTo(previous - 1e-6).isLessThanOrEqualTo(20.0 + 1e-3);
                previous = distance;
            }
        }
    }

    @Test
    void lineSearchStartsReplaceTheNoiseStartsRepeatablyAndTheirPassesAreCounted() {
        // 2 x 3 steps: every row runs to the cap, so the runs differ only in where the extra rows start
        SolverSettings capped = FAST.withIterations(2, 3).toBuilder().searchStarts(3).lineSearchReach(20).build();
        SolverSettings walking = capped.toBuilder().lineSearchDirections(16).build();
        Explanation noise = explainer(capped).explain(Question.of(digits, 0));
        Explanation walked = explainer(walking).explain(Question.of(digits, 0));
        Explanation again = explainer(walking).explain(Question.of(digits, 0));

        assertThat(again.latentDistance()).isEqualTo(walked.latentDistance());
        assertThat(again.difference()).containsExactly(walked.difference());
        assertThat(walked.modelEvaluations() - noise.modelEvaluations())
                .as("the walks' forward passes").isBetween(16L, 16L * LineSearchStarts.STEPS);
    }
}
