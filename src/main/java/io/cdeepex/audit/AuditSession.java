package io.cdeepex.audit;

import ai.djl.Device;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.ImageTransforms;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.report.AllureEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one run of suites shares: loaded models (once per directory and device, closed at the end), the sample
 * images at each classifier's input size, classifier evaluations and explanations. Cases that ask the same
 * question of the same models with the same settings — a bias case and the gate that compares it, say — reuse
 * one solve. What the run ran on (models with their fingerprints, devices, solver settings) goes to the Allure
 * report's environment. Used from one thread.
 */
final class AuditSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSession.class);

    private record ModelKey(Path dir, Device device) {}

    /** Sample sets are equal when they choose the same images the same way. */
    private record SampleKey(String dataset, SampleFilter filter, PlantSpec plant, int height, int width) {}

    private record EvaluationKey(ModelKey classifier, SampleKey samples, PlantSpec plant) {}

    private record ExplanationKey(ModelKey classifier, Path generator, SolverSettings settings, SampleKey samples,
                                  QuestionSpec question) {}

    private final AllureEnvironment environment;
    private final Map<ModelKey, Classifier> classifiers = new HashMap<>();
    private final Map<ModelKey, Generator> generators = new HashMap<>();
    private final Map<SampleKey, ImageSet> prepared = new HashMap<>();
    private final Map<EvaluationKey, ClassifierEvaluation> evaluations = new HashMap<>();
    private final Map<ExplanationKey, List<Explanation>> explanations = new HashMap<>();

    AuditSession(AllureEnvironment environment) {
        this.environment = environment;
    }

    Classifier classifier(ModelRef ref, Device device) {
        return classifiers.computeIfAbsent(key(ref, device), k -> {
            Classifier c = ModelLoader.loadClassifier(k.dir(), device);
            recordLoaded("classifier", c.name(), c.card(), k);
            return c;
        });
    }

    Generator generator(ModelRef ref, Device device) {
        return generators.computeIfAbsent(key(ref, device), k -> {
            Generator g = ModelLoader.loadGenerator(k.dir(), device);
            recordLoaded("generator", g.name(), g.card(), k);
            return g;
        });
    }

    private void recordLoaded(String kind, String name, ModelCard card, ModelKey k) {
        environment.model(kind, name, k.dir(), card);
        environment.device(k.device());
    }

    /** Where the run's environment is recorded. */
    AllureEnvironment environment() {
        return environment;
    }

    /** The sample images resized to the classifier's input, with the sample set's artefact planted there. */
    ImageSet images(SampleSet samples, Classifier classifier) {
        int h = (int) classifier.inputShape().get(1);
        int w = (int) classifier.inputShape().get(2);
        return prepared.computeIfAbsent(sampleKey(samples, h, w), k -> {
            ImageSet resized = ImageTransforms.resize(samples.images(), h, w);
            return samples.plant() == null ? resized : samples.plant().apply(resized);
        });
    }

    ClassifierEvaluation evaluation(ModelRef ref, Device device, SampleSet samples, PlantSpec plant) {
        Classifier classifier = classifier(ref, device);
        ImageSet images = images(samples, classifier);
        EvaluationKey key = new EvaluationKey(key(ref, device), sampleKey(samples, images.height(), images.width()), plant);
        return evaluations.computeIfAbsent(key, k -> ClassifierEvaluation.run(classifier, images, plant, device));
    }

    List<Explanation> explanations(RunConfig run, Device device, ImageSet images, QuestionSpec question,
                                   Supplier<List<Explanation>> solve) {
        ExplanationKey key = new ExplanationKey(key(run.classifier(), device), run.generator().dir().toAbsolutePath().normalize(),
                run.settings(), sampleKey(run.samples(), images.height(), images.width()), question);
        List<Explanation> cached = explanations.get(key);
        if (cached != null) return cached;
        List<Explanation> solved = solve.get();
        explanations.put(key, solved);
        return solved;
    }

    private static ModelKey key(ModelRef ref, Device device) {
        return new ModelKey(ref.dir().toAbsolutePath().normalize(), device);
    }

    private static SampleKey sampleKey(SampleSet s, int height, int width) {
        return new SampleKey(s.images().name(), s.filter(), s.plant(), height, width);
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(generators.values());
        all.addAll(classifiers.values());
        for (AutoCloseable model : all) {
            try {
                model.close();
            } catch (Exception e) {
                LOG.warn("could not close model {}: {}", model, e.toString());
            }
        }
        generators.clear();
        classifiers.clear();
        explanations.clear();
    }
}
