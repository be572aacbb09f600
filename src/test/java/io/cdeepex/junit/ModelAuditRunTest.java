package io.cdeepex.junit;

import ai.djl.engine.Engine;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Question;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelCache;
import io.cdeepex.model.ModelCardException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Whole test runs of small audit classes, each with a fresh launcher (its own root store): loading once under
 * parallel execution, closing at the end of the run, and the messages of every misconfiguration.
 */
class ModelAuditRunTest {
    private static final int CONCURRENT_TESTS = 4;

    // ---- loading once, in parallel, and closing at the end -------------------------------------------------------

    @ModelAudit
    @Execution(ExecutionMode.CONCURRENT)
    @EnabledWhenLaunched
    static class ConcurrentAudits {
        static CyclicBarrier together;
        static final Set<Classifier> CLASSIFIERS =
                Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        static final Set<Generator> GENERATORS =
                Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

        @AuditClassifier("tiny-cnn")
        Classifier fieldClassifier;

        @BeforeEach
        void waitForTheOthers() throws Exception {
            // Field injection of this instance is done; the parameters below are resolved after every test got here.
            together.await(30, TimeUnit.SECONDS);
        }

        @Test void audit1(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", inversionSteps = 5,
                inversionStarts = 1, maxOuterIterations = 2, innerSteps = 2, attachToReport = false) Explainer e,
                          @AuditSamples(count = 1, seed = 1) ImageSet one) { audit(e, one); }
        @Test void audit2(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", inversionSteps = 5,
                inversionStarts = 1, maxOuterIterations = 2, innerSteps = 2, attachToReport = false) Explainer e,
                          @AuditSamples(count = 1, seed = 2) ImageSet one) { audit(e, one); }
        @Test void audit3(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", inversionSteps = 5,
                inversionStarts = 1, maxOuterIterations = 2, innerSteps = 2, attachToReport = false) Explainer e,
                          @AuditSamples(count = 1, seed = 3) ImageSet one) { audit(e, one); }
        @Test void audit4(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", inversionSteps = 5,
                inversionStarts = 1, maxOuterIterations = 2, innerSteps = 2, attachToReport = false) Explainer e,
                          @AuditSamples(count = 1, seed = 4) ImageSet one) { audit(e, one); }

        private void audit(Explainer explainer, ImageSet one) {
            THREADS.add(Thread.currentThread().getName());
            CLASSIFIERS.add(fieldClassifier);
            CLASSIFIERS.add(explainer.classifier());
            GENERATORS.add(explainer.generator());
            Explanation e = explainer.explain(Question.of(one, 0));
            assertThat(e.imageId()).isEqualTo(one.id(0));
            float sum = 0;
            for (float p : e.after()) sum += p;
            assertThat(sum).as("probabilities at the solution")
                    .isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void concurrentTestsShareOneLoadOfEachModelAndTheRunClosesThem() {
        ConcurrentAudits.together = new CyclicBarrier(CONCURRENT_TESTS);
        ConcurrentAudits.CLASSIFIERS.clear();
        ConcurrentAudits.GENERATORS.clear();
        ConcurrentAudits.THREADS.clear();
        int openBefore = ModelCache.openCount();

        LaunchedRun run = LaunchedRun.of(ConcurrentAudits.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(CONCURRENT_TESTS + 2)));

        assertThat(run.failures()).as("failures").isEmpty();
        assertThat(run.summary.getTestsSucceededCount()).isEqualTo(CONCURRENT_TESTS);
        assertThat(ConcurrentAudits.THREADS).as("the tests ran on several threads at once").hasSize(CONCURRENT_TESTS);
        assertThat(run.loads("classifier tiny-cnn")).as("classifier loads").isEqualTo(1);
        assertThat(run.loads("generator tiny-gen")).as("generator loads").isEqualTo(1);
        assertThat(ConcurrentAudits.CLASSIFIERS).as("one classifier instance for every test").hasSize(1);
        assertThat(ConcurrentAudits.GENERATORS).hasSize(1);
        assertThat(ModelCache.openCount()).as("models closed at the end of the run").isEqualTo(openBefore);
    }

    // ---- misconfiguration --------------------------------------------------------------------------------------

    @ModelAudit
    @EnabledWhenLaunched
    static class UnknownModel {
        @Test
        void audit(@AuditClassifier("no-such-model") Classifier c) {}
    }

    @Test
    void anUnknownModelNameFailsNamingThePathAndTheKnownModels() {
        Throwable t = LaunchedRun.of(UnknownModel.class, Map.of()).failure("audit");

        assertThat(t).isInstanceOf(ParameterResolutionException.class)
                .hasCauseInstanceOf(ExtensionConfigurationException.class);
        assertThat(t.getMessage())
                .contains("parameter 'c' of UnknownModel.audit()")
                .contains(LaunchedRun.TEST_MODELS.resolve("no-such-model").toString())
                .contains("no model named 'no-such-model'")
                .contains("known models: [tiny-cnn, tiny-gen]")
                .contains("models root from configuration parameter cdeepex.models");
    }

    @ModelAudit
    @EnabledWhenLaunched
    static class BrokenCard {
        @AuditClassifier("broken-cnn")
        Classifier classifier;

        @Test
        void audit() {}
    }

    @Test
    void aBrokenCardFailsNamingTheFileAndTheField(@TempDir Path models) throws IOException {
        Path dir = copyModel("tiny-cnn", models.resolve("broken-cnn"));
        Path card = dir.resolve("model.yaml");
        Files.writeString(card, Files.readString(card).replace("inputShape: [1, 28, 28]", "inputShape: [1, 28]"));

        Throwable t = LaunchedRun.of(BrokenCard.class, Map.of("cdeepex.models", models.toString())).failure("audit");

        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("field 'classifier' of BrokenCard")
                .hasMessageContaining(card.toRealPath().toString())
                .hasMessageContaining("field 'inputShape'")
                .hasMessageContaining("expected [channels, height, width]")
                .hasRootCauseInstanceOf(ModelCardException.class);
        assertThat(rootCause(t)).isInstanceOfSatisfying(ModelCardException.class,
                e -> assertThat(e.field()).isEqualTo("inputShape"));
    }

    @ModelAudit
    @EnabledWhenLaunched
    static class GeneratorFromCard {
        static Explainer seen;

        @Test
        void audit(@AuditExplainer(classifier = "carded-cnn") Explainer explainer) {
            seen = explainer;
        }
    }

    @Test
    void theExplainerTakesTheGeneratorTheClassifierCardNames(@TempDir Path models) throws IOException {
        Path dir = copyModel("tiny-cnn", models.resolve("carded-cnn"));
        copyModel("tiny-gen", models.resolve("tiny-gen"));
        Files.writeString(dir.resolve("model.yaml"), "generator: tiny-gen\n", java.nio.file.StandardOpenOption.APPEND);
        GeneratorFromCard.seen = null;

        LaunchedRun run = LaunchedRun.of(GeneratorFromCard.class, Map.of("cdeepex.models", models.toString()));

        assertThat(run.failures()).isEmpty();
        assertThat(GeneratorFromCard.seen.classifier().name()).isEqualTo("carded-cnn");
        assertThat(GeneratorFromCard.seen.generator().name()).isEqualTo("tiny-gen");
    }

    @Test
    void aCardNamingAMissingGeneratorFailsNamingTheCardAndTheField(@TempDir Path models) throws IOException {
        Path dir = copyModel("tiny-cnn", models.resolve("carded-cnn"));
        Files.writeString(dir.resolve("model.yaml"), "generator: vanished-gen\n",
                java.nio.file.StandardOpenOption.APPEND);

        Throwable t = LaunchedRun.of(GeneratorFromCard.class, Map.of("cdeepex.models", models.toString()))
                .failure("audit");

        assertThat(t.getMessage()).contains(dir.toRealPath().resolve("model.yaml").toString())
                .contains("field 'generator'").contains("names 'vanished-gen'")
                .contains("models next to it: [carded-cnn]");
    }

    @ModelAudit
    @EnabledWhenLaunched
    static class NoGeneratorInCard {
        @Test
        void audit(@AuditExplainer(classifier = "tiny-cnn") Explainer explainer) {}
    }

    @Test
    void aCardWithoutGeneratorAsksForOne() {
        Throwable t = LaunchedRun.of(NoGeneratorInCard.class, Map.of()).failure("audit");

        assertThat(t.getMessage()).contains(LaunchedRun.TEST_MODELS.resolve("tiny-cnn/model.yaml").toString())
                .contains("field 'generator': missing").contains("@AuditExplainer(generator = \"...\")");
    }

    @ModelAudit
    @EnabledWhenLaunched
    static class WrongTypes {
        @Test
        void wrongParameterType(@AuditGenerator("tiny-gen") Classifier notAGenerator) {}

        @Test
        void generatorDirectoryAsClassifier(@AuditClassifier("tiny-gen") Classifier c) {}

        @Test
        void badSolverParameter(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen") Explainer e) {}

        @Test
        void badSamples(@AuditSamples(include = 42) ImageSet none) {}
    }

    @Test
    void injectionMistakesNameTheSiteAndWhatWasExpected() {
        LaunchedRun run = LaunchedRun.of(WrongTypes.class, Map.of("cdeepex.solver.eps", "lots"));

        assertThat(run.failure("wrongParameterType").getMessage())
                .contains("parameter 'notAGenerator' of WrongTypes.wrongParameterType()")
                .contains("@AuditGenerator injects a Generator but the declared type is io.cdeepex.model.Classifier");
        assertThat(run.failure("generatorDirectoryAsClassifier").getMessage())
                .contains("tiny-gen/model.yaml").contains("field 'kind'").contains("a classifier was expected");
        assertThat(run.failure("badSolverParameter").getMessage())
                .contains("configuration parameter 'cdeepex.solver.eps' is 'lots'; expected a number");
        assertThat(run.failure("badSamples").getMessage())
                .contains("samples of 'mnist-samples'").contains("leaves no images");
    }

    @Test
    void solverSettingsComeFromConfigurationParameters() {
        LaunchedRun run = LaunchedRun.of(SolverFromParameters.class, Map.of(
                "cdeepex.solver.eps", "0.3", "cdeepex.solver.inversionSteps", "12", "cdeepex.solver.method", "xgems"));

        assertThat(run.failures()).isEmpty();
        assertThat(SolverFromParameters.seen.settings().search().eps()).isEqualTo(0.3);
        assertThat(SolverFromParameters.seen.settings().inversion().steps()).isEqualTo(12);
        assertThat(SolverFromParameters.seen.settings().search().innerSteps()).as("annotation wins").isEqualTo(4);
        assertThat(SolverFromParameters.seen.settings().method().id())
                .as("the method is the annotation's (default cdeepex)").isEqualTo("cdeepex");
    }

    @ModelAudit
    @EnabledWhenLaunched
    static class SolverFromParameters {
        static Explainer seen;

        @Test
        void audit(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", innerSteps = 4) Explainer e) {
            seen = e;
        }
    }

    // ---- devices -----------------------------------------------------------------------------------------------

    @ModelAudit(requireGpu = true)
    @EnabledWhenLaunched
    static class NeedsGpu {
        @AuditClassifier("tiny-cnn")
        Classifier classifier;

        @Test
        void audit() {}
    }

    @Test
    void anAuditThatRequiresAGpuIsSkippedWithAReasonWhereThereIsNone() {
        assumeThat(Engine.getEngine("PyTorch").getGpuCount()).as("this check is for hosts without a GPU").isZero();

        LaunchedRun run = LaunchedRun.of(NeedsGpu.class, Map.of("cdeepex.device", ""));

        assertThat(run.summary.getTestsFailedCount()).isZero();
        assertThat(run.summary.getContainersFailedCount()).isZero();
        assertThat(run.results.get("NeedsGpu").getStatus().name()).isEqualTo("ABORTED");
        // disabled by the extension's condition, not aborted while it runs: the class is skipped with the reason
        assertThat(run.summary.getContainersSkippedCount()).isEqualTo(1);
        assertThat(run.failure("NeedsGpu")).hasMessageStartingWith("skipped: the audit requires a GPU")
                .hasMessageContaining("sees none");
    }

    @ModelAudit
    @EnabledWhenLaunched
    static class AsksForGpu {
        @Test
        void audit(@AuditClassifier("tiny-cnn") Classifier c) {}
    }

    @Test
    void askingForAnAbsentGpuIsAConfigurationError() {
        assumeThat(Engine.getEngine("PyTorch").getGpuCount()).as("this check is for hosts without a GPU").isZero();

        Throwable t = LaunchedRun.of(AsksForGpu.class, Map.of("cdeepex.device", "gpu")).failure("audit");

        assertThat(t).hasCauseInstanceOf(ExtensionConfigurationException.class);
        assertThat(t.getMessage()).contains("device 'gpu' requested").contains("sees no GPU")
                .contains("device from configuration parameter cdeepex.device");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Path copyModel(String name, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(LaunchedRun.TEST_MODELS.resolve(name))) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, target.resolve(f.getFileName()));
        }
        return target;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t;
    }
}
