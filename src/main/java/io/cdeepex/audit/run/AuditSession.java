package io.cdeepex.audit.run;

import ai.djl.Device;
import io.cdeepex.audit.suite.ModelRef;
import io.cdeepex.audit.suite.QuestionSpec;
import io.cdeepex.audit.suite.RunConfig;
import io.cdeepex.audit.suite.SampleSet;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.ImageTransforms;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelCache;
import io.cdeepex.model.ModelCard;
import io.cdeepex.report.AllureEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one run of suites shares: the run's loaded models (the {@link ModelCache} that {@code @ModelAudit} tests
 * share too, which closes them when the run ends), the sample images at each classifier's input size, classifier
 * evaluations and explanations. Cases that ask the same question of the same models with the same settings — a
 * bias case and the gate that compares it, say — reuse one solve. What the run ran on (models with their
 * fingerprints, devices, solver settings) goes to the Allure report's environment. Thread-safe: cases of a parallel
 * run that need the same thing wait for one computation of it.
 */
public final class AuditSession {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSession.class);

    private record ModelKey(Path dir, Device device) {}

    /** Sample sets are equal when they choose the same images the same way. */
    private record SampleKey(String dataset, SampleFilter filter, PlantSpec plant, int height, int width) {}

    private record EvaluationKey(ModelKey classifier, SampleKey samples, PlantSpec plant) {}

    private record ExplanationKey(ModelKey classifier, Path generator, SolverSettings settings, SampleKey samples,
                                  QuestionSpec question) {}

    private final ModelCache models;
    private final AllureEnvironment environment;
    private final Memo<SampleKey, ImageSet> prepared = new Memo<>();
    private final Memo<EvaluationKey, ClassifierEvaluation> evaluations = new Memo<>();
    private final Memo<ExplanationKey, List<Explanation>> explanations = new Memo<>();

    public AuditSession(ModelCache models, AllureEnvironment environment) {
        this.models = models;
        this.environment = environment;
    }

    Classifier classifier(ModelRef ref, Device device) {
        return models.classifier(ref.dir(), device, loaded -> {
            LOG.info("loaded classifier {} on {} in {} ms", loaded.dir(), device, loaded.millis());
            recordLoaded("classifier", loaded.model().name(), loaded.model().card(), loaded.dir(), device);
        });
    }

    Generator generator(ModelRef ref, Device device) {
        return models.generator(ref.dir(), device, loaded -> {
            LOG.info("loaded generator {} on {} in {} ms", loaded.dir(), device, loaded.millis());
            recordLoaded("generator", loaded.model().name(), loaded.model().card(), loaded.dir(), device);
        });
    }

    private void recordLoaded(String kind, String name, ModelCard card, Path dir, Device device) {
        environment.model(kind, name, dir, card);
        environment.device(device);
    }

    /** Where the run's environment is recorded. */
    AllureEnvironment environment() {
        return environment;
    }

    /** The sample images resized to the classifier's input, with the sample set's artefact planted there. */
    ImageSet images(SampleSet samples, Classifier classifier) {
        int h = (int) classifier.inputShape().get(1);
        int w = (int) classifier.inputShape().get(2);
        return prepared.get(sampleKey(samples, h, w), () -> {
            ImageSet resized = ImageTransforms.resize(samples.images(), h, w);
            return samples.plant() == null ? resized : samples.plant().apply(resized);
        });
    }

    ClassifierEvaluation evaluation(ModelRef ref, Device device, SampleSet samples, PlantSpec plant) {
        Classifier classifier = classifier(ref, device);
        ImageSet images = images(samples, classifier);
        EvaluationKey key = new EvaluationKey(key(ref, device), sampleKey(samples, images.height(), images.width()),
                plant);
        return evaluations.get(key, () -> ClassifierEvaluation.run(classifier, images, plant, device));
    }

    List<Explanation> explanations(RunConfig run, Device device, ImageSet images, QuestionSpec question,
                                   Supplier<List<Explanation>> solve) {
        ExplanationKey key = new ExplanationKey(key(run.classifier(), device),
                run.generator().dir().toAbsolutePath().normalize(), run.settings(),
                sampleKey(run.samples(), images.height(), images.width()), question);
        return explanations.get(key, solve);
    }

    private static ModelKey key(ModelRef ref, Device device) {
        return new ModelKey(ref.dir().toAbsolutePath().normalize(), device);
    }

    private static SampleKey sampleKey(SampleSet s, int height, int width) {
        return new SampleKey(s.images().name(), s.filter(), s.plant(), height, width);
    }

    /**
     * Values computed once per key, each under its own lock (a failure is not kept: the next case asking tries
     * again and reports its own error).
     */
    private static final class Memo<K, V> {
        private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();

        V get(K key, Supplier<V> compute) {
            return slots.computeIfAbsent(key, k -> new Slot<>()).get(compute);
        }
    }

    private static final class Slot<V> {
        private V value;

        synchronized V get(Supplier<V> compute) {
            if (value == null) value = compute.get();
            return value;
        }
    }
}
