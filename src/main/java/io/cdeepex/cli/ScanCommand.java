package io.cdeepex.cli;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ProbeAggregate;
import io.cdeepex.explain.scan.ScanListener;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.explain.scan.Scanner;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.model.ModelRepository;
import io.cdeepex.report.ScanFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cdeepex scan}: asks "why not k?" for every probe class and reports consistent, checked findings. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Audits a classifier without naming anything: explains 'why not k?' for each probe class k over "
                + "images it does not call k, searches the mean maps for compact boxes added (or removed) "
                + "consistently across classes, and pastes each onto clean images to measure how many then become k "
                + "(the flip rate). Writes scan.json (after every probe: a partial scan stays readable) and PNGs.")
final class ScanCommand implements Callable<Integer> {
    @Option(names = "--classifier", required = true, paramLabel = "DIR|NAME")
    String classifier;

    @Option(names = "--generator", paramLabel = "DIR|NAME",
            description = "Default: the generator the classifier's card names")
    String generator;

    @Option(names = "--dataset", paramLabel = "NAME|PATH", defaultValue = "mnist-samples",
            description = "Sample set (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--probes", paramLabel = "0,8|all", defaultValue = "all",
            description = "Probe classes, comma-separated, or all (default)")
    String probes;

    @Option(names = "--images", paramLabel = "N", defaultValue = "" + ScanSettings.DEFAULT_IMAGES_PER_PROBE,
            description = "Explained images per probe (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--check-images", paramLabel = "M", defaultValue = "" + ScanSettings.DEFAULT_CHECK_IMAGES,
            description = "Clean images per finding for the counterfactual check (default ${DEFAULT-VALUE})")
    int checkImages;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "" + ScanSettings.DEFAULT_BATCH,
            description = "Questions solved together (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true)
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Where scan.json goes (default: DIR/scan.json)")
    Path json;

    @Option(names = "--ignore-class-names",
            description = "Scan although the dataset's class names differ from the card's")
    boolean ignoreClassNames;

    @Mixin
    InversionOptions inversionOptions;

    @Mixin
    RetryOption retryOption;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDirectory("--out", out);
        Path jsonFile = json != null ? json : out.resolve("scan.json");
        if (json != null) OutputPaths.requireWritableFile("--json", json);
        ScanSettings settings = settings();
        Device dev = device.resolve();
        ModelRepository repo = ModelRepository.fromSystem();
        Path classifierDir = repo.resolve(classifier);
        ImageSet samples = Datasets.load(dataset);
        SolverSettings solver = retryOption.applyTo(
                inversionOptions.applyTo(SolverSettings.defaults().withSeed(seed)));
        try (Classifier c = ModelLoader.loadClassifier(classifierDir, dev)) {
            samples = DatasetChecks.forClassifier(samples, c, ignoreClassNames);
            Path generatorDir = GeneratorChoice.directory(repo, generator, classifierDir, c.card());
            try (Generator g = ModelLoader.loadGenerator(generatorDir, dev)) {
                System.out.printf("scanning %s with %s on %s ...%n", c.name(), g.name(), samples.name());
                ScanResult r = new Scanner(new Explainer(c, g, solver, dev)).run(samples, settings, listener(jsonFile));
                System.out.println(table(r));
                System.out.println("wrote " + jsonFile.toAbsolutePath() + " and PNGs in " + out.toAbsolutePath());
                return 0;
            }
        }
    }

    private ScanSettings settings() {
        List<Integer> asked = new ArrayList<>();
        if (!probes.equalsIgnoreCase("all")) {
            for (String part : probes.split(",")) {
                try {
                    asked.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--probes: '" + part.trim() + "' is not a class index; expected "
                            + "comma-separated class indices such as 0,8, or all");
                }
            }
        }
        OptionChecks.atLeast("--images", images, 1);
        OptionChecks.atLeast("--check-images", checkImages, 1);
        OptionChecks.atLeast("--batch", batch, 1);
        return ScanSettings.defaults().withProbes(asked).withImages(images, checkImages).withBatch(batch, seed);
    }

    private ScanListener listener(Path jsonFile) {
        return new ScanListener() {
            @Override
            public void batchDone(int probe, int probeIndex, int probes, int done, int total, long elapsedMillis) {
                double finished = probeIndex + (double) done / total;
                long eta = (long) (elapsedMillis / finished * (probes - finished) / 1000);
                System.out.printf(Locale.ROOT, "probe %d (%d/%d): %d/%d explained, %ds elapsed, ETA %ds%n", probe,
                        probeIndex + 1, probes, done, total, elapsedMillis / 1000, eta);
            }

            @Override
            public void probeDone(ScanResult soFar) {
                ProbeAggregate a = soFar.aggregates().get(soFar.aggregates().size() - 1);
                if (ScanResult.fewSatisfied(a)) System.out.println(fewSatisfiedWarning(a));
                try {
                    ScanFiles.writeJson(soFar, jsonFile);
                    ScanFiles.writeProbeImages(soFar, a, out);
                    ScanFiles.writePage(soFar, out.resolve("scan.html"));
                } catch (IOException e) {
                    throw new UncheckedIOException("--out " + out + ": could not write the scan ("
                            + OutputPaths.reason(e) + ")", e);
                }
            }
        };
    }

    static String fewSatisfiedWarning(ProbeAggregate a) {
        return String.format(Locale.ROOT, "warning: probe %d: %d of %d answers met their constraints; its maps and "
                + "findings rest mostly on searches that ended without an answer (see `explain --probe %d` on one of "
                + "its images for the solver's trace)", a.probeClass(), a.satisfied(), a.images(), a.probeClass());
    }

    static String table(ScanResult r) {
        int[] answers = r.satisfiedAnswers();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%d findings over %d probe classes (%.0f s); %d of %d answers met their constraints%n",
                r.findings().size(), r.aggregates().size(), r.millis() / 1000.0, answers[0], answers[1]));
        s.append(String.format(Locale.ROOT, "%4s %5s %7s %-22s %7s %7s %8s %6s %11s %6s%n", "rank", "probe", "sign",
                "box", "score", "excess", "consist", "flip", "flip 95%", "base"));
        int rank = 1;
        for (Finding f : r.findings()) {
            double[] ci = f.check().flipRateInterval();
            s.append(String.format(Locale.ROOT,
                    "%4d %5d %7s %-22s %7.4f %7.3f %8.3f %6.2f %5.2f-%5.2f %6.2f  (%d/%d classes)%n",
                    rank++, f.probeClass(), f.sign().name().toLowerCase(Locale.ROOT), f.box(), f.score(),
                    f.excessShare(), f.consistency(), f.check().flipRate(), ci[0], ci[1], f.check().baseRate(),
                    f.supportClasses(), f.explainedClasses()));
        }
        return s.toString();
    }
}
