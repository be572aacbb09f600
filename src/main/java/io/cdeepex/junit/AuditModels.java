package io.cdeepex.junit;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelCache;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCardException;
import io.cdeepex.model.ModelCards;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.report.AllureEnvironment;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The fixtures of a {@link ModelAudit} test: models loaded once per run per (model directory, device) and shared
 * by every test, explainers over them that report to Allure, and sample sets. The annotations are resolved through
 * this class; a parameter of this type gives the same fixtures to code that picks its models at run time (e.g. a
 * {@code @TestFactory} building dynamic tests from files).
 *
 * <p>Models live in the run's {@link ModelCache}, in JUnit's execution-request store, shared with the YAML audit
 * engine and closed when the run ends; never close them yourself. Every problem with a model or dataset is an
 * {@link ExtensionConfigurationException} that names the file and the field; an audit that requires a missing GPU
 * is disabled (skipped) with the reason.
 */
public final class AuditModels {
    /** The root-store namespace of every shared fixture. */
    static final Namespace NAMESPACE = Namespace.create(ModelAuditExtension.class);
    /** Report entry key published when a model is loaded (value: what, from where, on which device, how long). */
    public static final String LOADED_ENTRY = "cdeepex.model.loaded";

    private final ExtensionContext context;
    private final AuditConfiguration configuration;
    private volatile Device device;

    private AuditModels(ExtensionContext context, AuditConfiguration configuration) {
        this.context = context;
        this.configuration = configuration;
    }

    /** The fixtures as configured for the given test context ({@link ModelAudit} and configuration parameters). */
    public static AuditModels of(ExtensionContext context) {
        return new AuditModels(context, AuditConfiguration.of(context));
    }

    /** The directory model names are looked up in. */
    public Path modelsRoot() {
        return configuration.modelsRoot();
    }

    /** The device models and solver run on (resolved once per instance). */
    public Device device() {
        Device d = device;
        if (d == null) {
            d = configuration.resolveDevice();
            device = d;
        }
        return d;
    }

    /** The shared classifier of a model name under {@link #modelsRoot()} or a path to a model directory. */
    public Classifier classifier(String nameOrPath) {
        return load("classifier", modelDirectory(nameOrPath), ModelCache::classifier, Classifier::card,
                SharedModels::classifier, Classifier.class);
    }

    /** The shared generator of a model name under {@link #modelsRoot()} or a path to a model directory. */
    public Generator generator(String nameOrPath) {
        return load("generator", modelDirectory(nameOrPath), ModelCache::generator, Generator::card,
                SharedModels::generator, Generator.class);
    }

    /**
     * The shared generator that the classifier's card names in field {@code generator} (relative to the card's
     * directory).
     */
    public Generator generatorFor(String classifierNameOrPath) {
        Path classifierDir = modelDirectory(classifierNameOrPath);
        Classifier classifier = classifier(classifierNameOrPath);
        Path card = classifierDir.resolve(ModelCards.FILE_NAME);
        String named = classifier.card().generator;
        if (named == null || named.isBlank()) {
            throw configuration(new ModelCardException(card, "generator", "missing: the card names no generator, so"
                    + " name one (@AuditExplainer(generator = \"...\") or @AuditGenerator)"));
        }
        try {
            return generator(ModelCards.generatorOf(classifierDir, classifier.card()).orElseThrow().toString());
        } catch (ModelCardException e) {
            throw configuration(e);
        }
    }

    /** Solver settings from the defaults and the configuration parameters {@code cdeepex.solver.<name>}. */
    public SolverSettings solverSettings() {
        return SolverConfiguration.fromParameters(context::getConfigurationParameter);
    }

    /** An explainer with the card's generator and the configured solver settings, reporting to Allure. */
    public Explainer explainer(String classifier) {
        return explainer(classifier, null, solverSettings(), true);
    }

    /**
     * An explainer over shared models.
     *
     * @param generator        a generator name or path; null or blank = the one the classifier's card names
     * @param attachToReport   whether every explanation it computes is attached to the running test's Allure report
     * @throws ExtensionConfigurationException when a model cannot be loaded or the two cannot be composed
     */
    public Explainer explainer(String classifier, String generator, SolverSettings settings, boolean attachToReport) {
        Classifier c = classifier(classifier);
        Generator g = generator == null || generator.isBlank() ? generatorFor(classifier) : generator(generator);
        Explainer explainer;
        try {
            ModelLoader.checkComposable(c, g);
            explainer = new Explainer(c, g, settings, device())
                    .withArtefact(PlantSpec.ofCardField(c.card() == null ? null : c.card().plant));
        } catch (ModelCardException e) {
            throw configuration(e);
        }
        environment().solver(settings);
        return attachToReport ? explainer.onExplained(new AllureReporting(c.name() + " + " + g.name(), c.classNames()))
                : explainer;
    }

    /**
     * Images chosen from a dataset, with an artefact planted (see {@link AuditSamples}); the loaded dataset is
     * shared by the run.
     *
     * @param plant a {@link PlantSpec} text, or null / blank for none
     */
    public ImageSet samples(String dataset, SampleFilter filter, String plant) {
        SharedFixture<?> holder = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                new DatasetKey(dataset, Path.of("").toAbsolutePath()),
                key -> new SharedFixture<>("dataset '" + dataset + "'", () -> Datasets.load(dataset)),
                SharedFixture.class);
        ImageSet all = (ImageSet) holder.get(millis -> { });
        try {
            ImageSet chosen = filter.select(all);
            return plant == null || plant.isBlank() ? chosen : PlantSpec.parse(plant).apply(chosen);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("samples of '" + dataset + "' with filter " + filter
                    + (plant == null || plant.isBlank() ? "" : " and plant '" + plant + "'") + ": " + e.getMessage(),
                    e);
        }
    }

    /** Why the audit cannot run on this host (a GPU it requires is absent); empty when it can. */
    java.util.Optional<String> missingRequirement() {
        return configuration.missingRequirement();
    }

    private <T> T load(String kind, Path dir, Loader<T> loader, Function<T, ModelCard> card,
                       java.util.function.UnaryOperator<T> face, Class<T> type) {
        Device d = device();
        ModelKey key = new ModelKey(kind, dir, d.getDeviceType() + ":" + d.getDeviceId());
        String description = kind + " " + dir.getFileName() + " (" + dir + ") on " + d;
        ModelCache cache = modelCache(context);
        // The root store holds the test-facing face, made once (tests may compare instances); the model itself
        // belongs to the run's cache, which the YAML engine shares and which closes it when the run ends.
        SharedFixture<?> holder = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key,
                k -> new SharedFixture<T>(description, () -> face.apply(loader.load(cache, dir, d, loaded -> {
                    environment().model(kind, dir.getFileName().toString(), dir, card.apply(loaded.model()));
                    environment().device(d);
                    context.publishReportEntry(LOADED_ENTRY, "loaded " + description + " in " + loaded.millis()
                            + " ms");
                }))), SharedFixture.class);
        return type.cast(holder.get(millis -> { }));
    }

    /** The run's one model cache, in the execution-request store that the YAML audit engine uses as well. */
    static ModelCache modelCache(ExtensionContext context) {
        return context.getStore(ExtensionContext.StoreScope.EXECUTION_REQUEST,
                Namespace.create(ModelCache.STORE_NAMESPACE)).getOrComputeIfAbsent(ModelCache.class,
                k -> new ModelCache(), ModelCache.class);
    }

    /** Where this run's Allure results go, for the report's environment panel. */
    private AllureEnvironment environment() {
        return AllureEnvironment.of(context::getConfigurationParameter);
    }

    /** The absolute, real directory of a model name or path. */
    private Path modelDirectory(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new ExtensionConfigurationException("no model named: expected a model name under "
                    + modelsRoot().toAbsolutePath() + " (" + configuration.modelsSource() + ") or a path");
        }
        try {
            Path dir = configuration.repository().resolve(nameOrPath);
            return dir.toRealPath();
        } catch (ModelCardException e) {
            throw new ExtensionConfigurationException(e.getMessage() + " [models root from "
                    + configuration.modelsSource() + "]", e);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("model directory '" + nameOrPath + "' cannot be read: " + e, e);
        }
    }

    private static ExtensionConfigurationException configuration(ModelCardException e) {
        return new ExtensionConfigurationException(e.getMessage(), e);
    }

    @FunctionalInterface
    private interface Loader<T> {
        T load(ModelCache cache, Path dir, Device device, java.util.function.Consumer<ModelCache.Loaded<T>> onLoaded);
    }

    /** Which model on which device: the key in the root store. */
    private record ModelKey(String kind, Path dir, String device) {}

    private record DatasetKey(String dataset, Path workingDirectory) {}
}
