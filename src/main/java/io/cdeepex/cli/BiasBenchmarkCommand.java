package io.cdeepex.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.BiasBenchmark;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.explain.scan.Finding;
import io.cdeepex.explain.scan.ScanListener;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.model.ModelRepository;
import io.cdeepex.report.ScanFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cdeepex bias-benchmark}: the planted-bias benchmark's table for classifiers whose cards name a plant. */
@Command(name = "bias-benchmark", mixinStandardHelpOptions = true,
        description = "For each biased classifier (its card names the planted artefact and its generator): the share "
                + "of each method's red inside the artefact's box when asked 'why not k?' (k = the artefact's class), "
                + "and whether a scan told nothing finds the box and confirms it by the paste check. For the clean "
                + "control only the scan runs; its findings are false alarms. Prints a table and writes "
                + "bias-benchmark.json after every classifier.")
final class BiasBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--biased", required = true, split = ",", paramLabel = "DIR|NAME",
            description = "Biased classifiers, comma-separated; each card needs 'plant' with a class")
    List<String> biased;

    @Option(names = "--control", paramLabel = "DIR|NAME", description = "A classifier trained on clean data")
    String control;

    @Option(names = "--methods", split = ",", paramLabel = "M", defaultValue = "cdeepex,xgems,lime,ig,pda",
            description = "Methods whose answers are measured (default ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--images", paramLabel = "N", defaultValue = "12",
            description = "Questions per method and classifier (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--scan-images", paramLabel = "N", defaultValue = "8",
            description = "Explained images per probe class in the scan (default ${DEFAULT-VALUE})")
    int scanImages;

    @Option(names = "--dataset", paramLabel = "NAME|PATH", defaultValue = "mnist-samples",
            description = "Sample set (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Writes bias-benchmark.json and each classifier's scan (scan.json, scan.html) here")
    Path out;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDirectory("--out", out);
        OptionChecks.atLeast("--images", images, 1);
        OptionChecks.atLeast("--scan-images", scanImages, 1);
        List<Method> asked = methods.stream().map(Method::parse).toList();
        ScanSettings scan = ScanSettings.defaults().withImages(scanImages, ScanSettings.defaults().checkImages())
                .withBatch(ScanSettings.defaults().batch(), seed);
        Device dev = device.resolve();
        ModelRepository repo = ModelRepository.fromSystem();
        ImageSet samples = Datasets.load(dataset);
        List<BiasBenchmark.Result> results = new ArrayList<>();
        List<String> names = new ArrayList<>(biased);
        if (control != null) names.add(control);
        for (int i = 0; i < names.size(); i++) {
            boolean isControl = control != null && i == names.size() - 1;
            Path dir = repo.resolve(names.get(i));
            try (Classifier c = ModelLoader.loadClassifier(dir, dev)) {
                PlantSpec plant = isControl ? null : plantOf(c, dir);
                ImageSet set = DatasetChecks.forClassifier(samples, c, false);
                Path generatorDir = GeneratorChoice.directory(repo, null, dir, c.card());
                try (Generator g = ModelLoader.loadGenerator(generatorDir, dev)) {
                    System.out.printf("[%d/%d] %s (%s) with %s ...%n", i + 1, names.size(), c.name(),
                            isControl ? "clean control" : plant, g.name());
                    Explainer explainer = new Explainer(c, g, SolverSettings.defaults().withSeed(seed), dev);
                    BiasBenchmark.Result r = new BiasBenchmark(explainer, set, System.out::println)
                            .run(plant, asked, images, scan, scanProgress(c.name()));
                    results.add(r);
                    Path scanDir = out.resolve(c.name());
                    Files.createDirectories(scanDir);
                    ScanFiles.writeJson(r.scan(), scanDir.resolve("scan.json"));
                    ScanFiles.writePage(r.scan(), scanDir.resolve("scan.html"));
                    writeJson(results);
                }
            }
        }
        System.out.println(table(results, asked));
        System.out.println("wrote " + out.resolve("bias-benchmark.json").toAbsolutePath());
        return 0;
    }

    private static PlantSpec plantOf(Classifier c, Path dir) {
        String field = c.card().plant;
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException(dir.resolve("model.yaml") + ": field 'plant' is missing; --biased "
                    + "needs the artefact planted in the classifier's training data, e.g. "
                    + "square:class=8,x=0,y=0,size=6,value=0.5 (a clean classifier goes to --control)");
        }
        try {
            return PlantSpec.parse(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir.resolve("model.yaml") + ": field 'plant': " + e.getMessage(), e);
        }
    }

    private static ScanListener scanProgress(String name) {
        return new ScanListener() {
            @Override
            public void batchDone(int probe, int probeIndex, int probes, int done, int total, long elapsedMillis) {
                if (done == total) {
                    System.out.printf(Locale.ROOT, "%s scan: probe %d done (%d/%d), %ds elapsed%n", name, probe,
                            probeIndex + 1, probes, elapsedMillis / 1000);
                }
            }
        };
    }

    private void writeJson(List<BiasBenchmark.Result> results) throws java.io.IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("images", images);
        m.put("scanImages", scanImages);
        m.put("seed", seed);
        m.put("results", results.stream().map(BiasBenchmark.Result::toMap).toList());
        ScanFiles.writeAtomically(out.resolve("bias-benchmark.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    }

    /** The cell right-aligned in its column: as wide as the column's label, at least 13 (a "0.000/  0.00" cell). */
    private static String pad(String label, String cell) {
        return String.format(Locale.ROOT, "%" + Math.max(13, label.length()) + "s", cell);
    }

    static String table(List<BiasBenchmark.Result> results, List<Method> methods) {
        StringBuilder s = new StringBuilder("per method: mean red share in the planted box / share of answers with"
                + " more than half inside\n");
        s.append(String.format(Locale.ROOT, "%-22s %-42s", "classifier", "plant"));
        List<String> labels = new ArrayList<>(methods.stream().map(Method::id).toList());
        labels.addAll(BiasBenchmark.SCAN_ROWS);
        for (String m : labels) s.append(" ").append(pad(m, m));
        s.append(String.format(Locale.ROOT, "  %-24s %5s %7s %5s%n", "scan top finding", "flip", "overlap", "rank"));
        for (BiasBenchmark.Result r : results) {
            s.append(String.format(Locale.ROOT, "%-22s %-42s", r.classifier(),
                    r.plant() == null ? "(clean control)" : r.plant()));
            for (String m : labels) {
                BiasBenchmark.MethodResult mr = r.methods().stream().filter(x -> x.label().equals(m)).findFirst()
                        .orElse(null);
                s.append(" ").append(pad(m, mr == null ? "-"
                        : String.format(Locale.ROOT, "%6.3f/%6.2f", mr.meanRedShare(), mr.showingShare())));
            }
            Finding t = r.top();
            String top = t == null ? "none" : t.probeClass() + " " + t.sign().name().toLowerCase(Locale.ROOT) + " "
                    + t.box();
            s.append(String.format(Locale.ROOT, "  %-24s %5.2f %7s %5s", top, t == null ? 0 : t.check().flipRate(),
                    r.plant() == null ? "-" : r.topOverlaps() ? "yes" : "no",
                    r.plant() == null ? "-" : r.overlappingRank() == 0 ? "none" : "" + r.overlappingRank()));
            if (r.plant() == null) {
                s.append(String.format(Locale.ROOT, "  %d findings, %d with flip >= %.1f, max flip %.3f",
                        r.scan().findings().size(), r.shortcuts(), BiasBenchmark.SHORTCUT_FLIP, r.maxFlipRate()));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
