package io.cdeepex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ArtefactPathEvaluation;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.evaluate.InversionEvaluation;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Generator;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.model.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cdeepex evaluate}: accuracy, recall, confusion and planted rate of a classifier on a dataset. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Prints accuracy, per-class recall and the confusion matrix; with --plant also the share of other"
                + " classes' images the artefact turns into its class.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(
            names = "--classifier",
            required = true,
            paramLabel = "DIR|NAME",
            description = "Classifier model directory, or a name under models/")
    String classifier;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH",
            description = "mnist-samples, mnist-test, mnist-train, fashion-mnist-test, ... or a path")
    String dataset;

    @Option(
            names = "--plant",
            paramLabel = "SPEC",
            description = "Artefact to plant, e.g. square:class=8,x=0,y=0,size=6,value=0.5")
    String plant;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the numbers as JSON")
    Path json;

    @Option(names = "--generator", paramLabel = "DIR|NAME",
            description = "Also invert every image through this generator and report how many reconstructions G(z0) "
                    + "the classifier still assigns to their label, and their mean squared error (the generator bar)")
    String generator;

    @Mixin
    InversionOptions inversionOptions;

    @Option(names = "--artefact-path", description = "With --generator and --plant naming a class: for each image of"
            + " another class, walk the latent segment from its inversion to the inversion of the same image with the"
            + " artefact until the plant's class is as likely as the true class, and set that point beside CDeepEx's"
            + " answer to \"why not that class?\" (latent distance, red mass in the artefact): can the generator say"
            + " \"add the artefact\" nearby, and does the search find it? --limit then counts images of other classes.")
    boolean artefactPath;

    @Option(names = "--search-starts", paramLabel = "N",
            description = "With --artefact-path: search starts of CDeepEx's answers (default: the solver's)")
    Integer searchStarts;

    @Option(
            names = "--artefact-path-starts",
            paramLabel = "0|1",
            description = "With --artefact-path: 1 gives CDeepEx's answers a search start at the artefact path's tie"
                    + " (the solver setting artefactPathStarts; needs --search-starts 2 or more), to see whether the"
                    + " answer from there is nearer and how much of the artefact it keeps")
    Integer artefactPathStarts;

    @Option(names = "--ignore-class-names", description = "Score the dataset's labels as the classifier's classes even"
            + " though the dataset's class names differ from the card's classNames (for data relabelled on purpose;"
            + " without it such a pair is refused)")
    boolean ignoreClassNames;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N images of the dataset")
    Integer limit;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        if (json != null) OutputPaths.requireWritableFile("--json", json); // before the evaluation, not after it
        PlantSpec spec = plant == null ? null : PlantSpec.parse(plant);
        SolverSettings inversionSettings = inversionOptions.applyTo(SolverSettings.defaults()); // bad values fail first
        if (artefactPath && (generator == null || spec == null || spec.targetClass().isEmpty())) {
            throw new IllegalArgumentException("--artefact-path needs --generator and a --plant that names the"
                    + " artefact's class, e.g. --plant square:class=8,x=0,y=0,size=6,value=0.5");
        }
        if ((searchStarts != null || artefactPathStarts != null) && !artefactPath) {
            throw new IllegalArgumentException("--search-starts and --artefact-path-starts set the search of"
                    + " --artefact-path's answers; add --artefact-path");
        }
        SolverSettings answerSettings = answerSettings(inversionSettings);
        if (limit != null) OptionChecks.atLeast("--limit", limit, 1);
        ImageSet set = Datasets.load(dataset);
        if (java.util.stream.IntStream.range(0, set.size()).noneMatch(set::isLabelled)) {
            throw new IllegalArgumentException(set.name() + ": a PNG carries no class label, so evaluate has nothing to"
                    + " score accuracy and recall against; give labelled images: a named dataset, or an IDX images file"
                    + " with its labels file (as `data export` writes them). To see what the classifier says about"
                    + " this image, run explain --image " + set.name() + " --classifier " + classifier);
        }
        if (limit != null && !artefactPath) {
            set = set.subset(java.util.stream.IntStream.range(0, Math.min(limit, set.size())).toArray());
        }
        ai.djl.Device dev = device.resolve();
        ModelRepository models = ModelRepository.fromSystem();
        try (Classifier c = ModelLoader.loadClassifier(models.resolve(classifier), dev)) {
            set = DatasetChecks.forClassifier(set, c, ignoreClassNames);
            ClassifierEvaluation result = ClassifierEvaluation.run(c, set, spec, dev);
            System.out.print(result.report());
            Map<String, Object> numbers = new LinkedHashMap<>(result.toMap());
            if (generator != null) {
                try (Generator g = ModelLoader.loadGenerator(models.resolve(generator), dev)) {
                    if (artefactPath) {
                        ImageSet others = otherClasses(set, spec.targetClass().getAsInt());
                        ArtefactPathEvaluation path =
                                ArtefactPathEvaluation.run(c, g, others, spec, answerSettings, dev);
                        System.out.print(path.report());
                        numbers.put("artefactPath", path.toMap());
                    } else {
                        InversionEvaluation inversion = InversionEvaluation.run(c, g, set, inversionSettings, dev);
                        System.out.print(inversion.report());
                        numbers.put("inversion", inversion.toMap());
                    }
                }
            }
            if (json != null) {
                try {
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), numbers);
                } catch (IOException e) {
                    throw new IOException("--json " + json + ": could not write the numbers ("
                            + OutputPaths.reason(e) + "); they are printed above", e);
                }
                System.out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** The solver settings of --artefact-path's answers; a bad combination is an error naming the options. */
    private SolverSettings answerSettings(SolverSettings settings) {
        if (searchStarts == null && artefactPathStarts == null) return settings;
        SolverSettings.Builder b = settings.toBuilder();
        if (searchStarts != null) b.searchStarts(searchStarts);
        if (artefactPathStarts != null && artefactPathStarts != 0 && artefactPathStarts != 1) {
            throw new IllegalArgumentException("--artefact-path-starts: expected 0 (off) or 1 (on), got "
                    + artefactPathStarts);
        }
        if (artefactPathStarts != null) b.artefactPathStarts(artefactPathStarts == 1);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--search-starts / --artefact-path-starts: " + e.getMessage(), e);
        }
    }

    /** The images not labelled with the artefact's class, the first --limit of them. */
    private ImageSet otherClasses(ImageSet set, int artefactClass) {
        int[] ids = java.util.stream.IntStream.range(0, set.size()).filter(i -> set.label(i) != artefactClass)
                .limit(limit == null ? Long.MAX_VALUE : limit).toArray();
        return set.subset(ids);
    }
}
