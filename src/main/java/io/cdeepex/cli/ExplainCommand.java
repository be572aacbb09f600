package io.cdeepex.cli;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.Png;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.model.ModelRepository;
import io.cdeepex.report.ClassLabels;
import io.cdeepex.report.ExplanationFiles;
import io.cdeepex.report.SourceImage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cdeepex explain}: one contrastive explanation written as JSON and PNGs. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description =
                "Answers 'why did the classifier say A and not B for this image?' and writes explanation.json plus"
                        + " PNGs (input, reconstruction, probe side, red/blue overlay, probability trace; the baselines"
                        + " lime, ig and pda have no reconstruction or trace: their probe side is the input with the"
                        + " contrastive map imposed).")
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--classifier", required = true, paramLabel = "DIR|NAME")
    String classifier;

    @Option(
            names = "--generator",
            paramLabel = "DIR|NAME",
            description = "Default: the generator the classifier's card names")
    String generator;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--image", paramLabel = "PNG", required = true)
        Path image;

        @ArgGroup(exclusive = false)
        DatasetImage dataset;
    }

    static final class DatasetImage {
        @Option(names = "--dataset", paramLabel = "NAME|PATH", required = true)
        String name;

        @Option(names = "--index", paramLabel = "N", required = true)
        int index;
    }

    @Option(names = "--label", paramLabel = "N", description = "True class (default: the classifier's top class)")
    Integer label;

    @Option(names = "--probe", paramLabel = "M", description = "Class asked about (default: the second most likely)")
    Integer probe;

    @Option(
            names = "--method",
            defaultValue = "cdeepex",
            paramLabel = "cdeepex|xgems|lime|ig|pda",
            description =
                    "cdeepex (default), xgems (equality constraint only), or a baseline made contrastive as in the "
                            + "paper: lime, ig (integrated gradients), pda (prediction difference analysis)")
    String method;

    @Option(
            names = "--eps",
            paramLabel = "E",
            description = "Margin over other classes in log-likelihood (default ${DEFAULT-VALUE})",
            defaultValue = "0.1")
    double eps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Option(
            names = "--search-starts",
            paramLabel = "N",
            defaultValue = "1",
            description = "Search starts (z0, then z0 + noise)")
    int searchStarts;

    @Mixin
    InversionOptions inversionOptions;

    @Mixin
    RetryOption retryOption;

    @Option(names = "--ignore-class-names", description = "With --dataset: explain although the dataset's class names"
            + " differ from the card's classNames (data relabelled on purpose; without it such a pair is refused)")
    boolean ignoreClassNames;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "explanation")
    Path out;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDirectory("--out", out); // before the solve: its answer must not be lost
        Device dev = device.resolve();
        ModelRepository repo = ModelRepository.fromSystem();
        Path classifierDir = repo.resolve(classifier);
        ImageSet images = source.image != null ? Png.read(source.image) : Datasets.load(source.dataset.name);
        int index = source.image != null ? 0 : source.dataset.index;
        if (index < 0 || index >= images.size()) {
            throw new IllegalArgumentException(
                    "--index " + index + " is outside " + images.name() + " (0.." + (images.size() - 1) + ")");
        }
        SolverSettings settings = SolverSettings.defaults().withMethod(Method.parse(method)).withEps(eps).withSeed(seed)
                .withSearchStarts(searchStarts, SolverSettings.defaults().starts().noise());
        settings = retryOption.applyTo(inversionOptions.applyTo(settings));
        try (Classifier c = ModelLoader.loadClassifier(classifierDir, dev)) {
            images = DatasetChecks.forClassifier(images, c, ignoreClassNames);
            Path generatorDir = GeneratorChoice.directory(repo, generator, classifierDir, c.card());
            try (Generator g = ModelLoader.loadGenerator(generatorDir, dev)) {
                Question q = Question.of(images, index, label == null ? Question.PREDICTED : label,
                        probe == null ? Question.SECOND : probe);
                System.out.printf(
                        "explaining %s with %s and %s (%s) ...%n",
                        images.id(index), c.name(), g.name(), settings.method().id());
                Explanation e = new Explainer(c, g, settings, dev).explain(q);
                System.out.println(e.summary()); // first: the answer is on screen even if writing fails
                try {
                    ExplanationFiles.write(e, out, ClassLabels.indices(),
                            new SourceImage(images.name(), images.channels(), images.height(), images.width()));
                } catch (IOException writing) {
                    throw new IOException("--out " + out + ": could not write the explanation ("
                            + OutputPaths.reason(writing) + "); its summary is above", writing);
                }
                System.out.println("wrote " + out.toAbsolutePath());
                if (!e.satisfied())
                    System.out.println(
                            "warning: not every constraint holds (stop: " + e.stop() + "); see explanation.json");
                return 0;
            }
        }
    }
}
