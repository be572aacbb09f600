package io.cdeepex.cli;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.model.Architectures;
import io.cdeepex.model.ModelCard;
import io.cdeepex.train.ClassifierCheckpoint;
import io.cdeepex.train.ClassifierTrainingOptions;
import io.cdeepex.train.ClassifierTrainingRun;
import io.cdeepex.train.GeneratorTrainingRun;
import io.cdeepex.train.TrainedGenerator;
import io.cdeepex.train.PatchMixing;
import io.cdeepex.train.VaeTrainer;
import io.cdeepex.train.VaeTrainingOptions;
import io.cdeepex.train.WganTrainer;
import io.cdeepex.train.WganTrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cdeepex train}: trains the classifiers and generators that the audits use, into model directories. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Trains a classifier or a generator on a dataset and writes a model directory (weights + model.yaml).",
        subcommands = {TrainCommand.ClassifierCommand.class, TrainCommand.GeneratorCommand.class})
public final class TrainCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every training command shares. */
    static final class Common {
        @Option(names = "--dataset", required = true, paramLabel = "mnist|fashion-mnist",
                description = "Training data <dataset>-train; held-out data <dataset>-test")
        String dataset;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write")
        Path out;

        @Option(
                names = "--plant",
                paramLabel = "SPEC",
                description = "Artefact planted on the training images of its class, e.g."
                        + " square:class=8,x=0,y=0,size=6,value=0.5")
        String plant;

        @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data")
        Integer epochs;

        @Option(
                names = "--seed",
                paramLabel = "S",
                defaultValue = "1",
                description = "Random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--batch", paramLabel = "B", description = "Batch size")
        Integer batch;

        @Option(names = "--lr", paramLabel = "LR", description = "Learning rate")
        Float lr;

        @Mixin
        DeviceOption device;

        PlantSpec plantSpec() {
            return plant == null ? null : PlantSpec.parse(plant);
        }

        /** Rejects a bad option value as a usage error of the given command, before any data is read. */
        void check(CommandLine command) {
            if (!dataset.equals("mnist") && !dataset.equals("fashion-mnist")) {
                throw new CommandLine.ParameterException(command,
                        "--dataset: unknown '" + dataset + "'; expected mnist or fashion-mnist");
            }
            try {
                plantSpec();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(command, "--plant: " + e.getMessage());
            }
        }

        ImageSet load(String part) {
            return Datasets.load(dataset + "-" + part);
        }
    }

    /** {@code cdeepex train classifier}. */
    @Command(name = "classifier", mixinStandardHelpOptions = true,
            description = "Trains a classifier (Adam, softmax cross-entropy) and measures it on <dataset>-test.")
    static final class ClassifierCommand implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(
                names = "--arch",
                paramLabel = "ID",
                defaultValue = "mnist-paper",
                description = "Architecture: mnist-paper (64x64 input), vgg16 or resnet101 (32x32 input) (default"
                        + " ${DEFAULT-VALUE})")
        String arch;

        @Option(
                names = "--width",
                paramLabel = "W",
                description =
                        "vgg16, resnet101: width multiplier, channels = max(1, round(c * W)) (default 1, the published"
                                + " widths)")
        Double width;

        @Option(
                names = "--resume",
                description = "Continue the interrupted run whose checkpoint is in --out, from its last"
                        + " finished epoch (same options; Adam's moments restart from zero)")
        boolean resume;

        @Option(
                names = "--init",
                paramLabel = "DIR",
                description =
                        "Start from the weights of this trained model directory (same architecture, width, input shape"
                                + " and classes) instead of a fresh initialisation: train on with a new schedule, or"
                                + " fine-tune")
        Path init;

        @Option(
                names = "--stop-after",
                paramLabel = "EPOCH",
                description = "Stop after this epoch, leaving the checkpoint for --resume (e.g. to train in time-boxed"
                        + " sessions)")
        Integer stopAfter;

        @Option(
                names = "--generator",
                paramLabel = "NAME",
                description = "Generator directory that models this classifier's training data (recorded in the card)")
        String generator;

        @Option(
                names = "--shift",
                paramLabel = "PX",
                defaultValue = "2",
                description = "Random shift augmentation in native pixels, 0 = off (default ${DEFAULT-VALUE})")
        int shift;

        @Option(
                names = "--rotate",
                paramLabel = "DEG",
                defaultValue = "0",
                description = "Random rotation augmentation in degrees, 0 = off (default ${DEFAULT-VALUE})")
        double rotate;

        @Option(
                names = "--scale",
                paramLabel = "FRAC",
                defaultValue = "0",
                description = "Random scaling augmentation, e.g. 0.1 for 0.9..1.1, 0 = off (default ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--constant-lr", description = "Keep the learning rate constant (default: cosine decay to 1%%)")
        boolean constantLr;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            common.check(spec.commandLine());
            checkArchitecture();
            checkGenerator();
            ClassifierTrainingOptions o = new ClassifierTrainingOptions();
            o.architecture = arch;
            o.width = width;
            o.resume = resume;
            o.initFrom = init;
            o.stopAfterEpoch = stopAfter;
            o.plant = common.plantSpec();
            o.seed = common.seed;
            o.maxShift = shift;
            o.maxRotation = rotate;
            o.maxScale = scale;
            o.cosineSchedule = !constantLr;
            o.dataset = common.dataset;
            o.device = common.device.resolve();
            if (common.epochs != null) o.epochs = common.epochs;
            if (common.batch != null) o.batchSize = common.batch;
            if (common.lr != null) o.learningRate = common.lr;
            ImageSet train = common.load("train");
            ImageSet test = common.load("test");
            System.out.println("training " + arch + (width == null ? "" : " (width " + width + ")") + " on " + train
                    + (o.plant == null ? "" : ", plant " + o.plant) + "; held out: " + test);
            ModelCard card;
            try {
                card = ClassifierTrainingRun.run(o, train, test, common.out, generator, commandLine(spec), System.out);
            } catch (ClassifierCheckpoint.FinishedRunException e) {
                System.out.println(e.getMessage());  // not a failure: a resume loop may end here
                return 0;
            }
            if (card == null) return 0;  // stopped after --stop-after; the trainer said how to go on
            System.out.println("wrote " + common.out + " (test accuracy " + card.metrics.get("testAccuracy") + ", "
                    + card.training.get("wallSeconds") + " s)");
            return 0;
        }

        /**
         * Rejects a {@code --generator} that names no model directory next to {@code --out} before training: the
         * card written at the end must load, and an hour of training should not end in that error.
         */
        private void checkGenerator() {
            if (generator == null) return;
            java.nio.file.Path dir = common.out.toAbsolutePath().normalize().resolveSibling(generator).normalize();
            if (!java.nio.file.Files.isRegularFile(dir.resolve("model.yaml"))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--generator: '" + generator
                        + "' names " + dir + ", which is not a model directory (no model.yaml); the card names its"
                        + " generator as a directory next to --out. Train the generator first, or leave --generator"
                        + " out and add the card's 'generator' field later");
            }
        }

        /** Rejects an unknown architecture, or a width for one without a width multiplier, before any data is read. */
        private void checkArchitecture() {
            if (!Architectures.classifierIds().contains(arch)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--arch: unknown '" + arch + "'; expected one of " + Architectures.classifierIds());
            }
            if (width != null && !Architectures.options(arch).contains("width")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--width: architecture '" + arch + "' has no width multiplier (vgg16 and resnet101 have)");
            }
            if (width != null && !(width > 0 && width <= 16)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--width: must be in (0, 16], got " + width);
            }
        }
    }

    /** {@code cdeepex train generator}. */
    @Command(
            name = "generator",
            mixinStandardHelpOptions = true,
            description =
                    "Trains a generator (vae: convolutional VAE; wgan: Wasserstein GAN with weight clipping) on the"
                            + " classifier's training data.")
    static final class GeneratorCommand implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--kind", required = true, paramLabel = "vae|wgan", description = "Generator kind")
        String kind;

        @Option(names = "--latent", required = true, paramLabel = "K", description = "Latent size")
        int latent;

        @Option(
                names = "--beta",
                paramLabel = "B",
                defaultValue = "1",
                description = "vae: weight of the KL term (default ${DEFAULT-VALUE})")
        float beta;

        @Option(
                names = "--n-critic",
                paramLabel = "N",
                defaultValue = "5",
                description = "wgan: critic steps per generator step (default ${DEFAULT-VALUE})")
        int nCritic;

        @Option(
                names = "--clip",
                paramLabel = "C",
                defaultValue = "0.01",
                description = "wgan: critic weights are clipped to [-C, C] (default ${DEFAULT-VALUE})")
        float clip;

        @Option(
                names = "--init",
                paramLabel = "DIR",
                description =
                        "vae: start from the weights of this trained VAE directory (same latent size) instead of a"
                                + " fresh initialisation")
        Path init;

        @Option(names = "--mix-prob", paramLabel = "P", defaultValue = "0",
                description = "Probability that a training image gets boxes copied from other images of its batch,"
                        + " each into the same place (patch mixing; default ${DEFAULT-VALUE}: off)")
        double mixProb;

        @Option(names = "--mix-box", paramLabel = "MIN,MAX", defaultValue = "4,16",
                description = "Side lengths of a mixed box in pixels of the 64x64 training grid, width and height"
                        + " drawn independently (default ${DEFAULT-VALUE})")
        String mixBox;

        @Option(names = "--mix-boxes", paramLabel = "N", defaultValue = "1",
                description = "Boxes per mixed image, each from its own donor (default ${DEFAULT-VALUE})")
        int mixBoxes;

        @Option(names = "--cutout", description = "Fill the mixed boxes with 0 instead of another image's pixels")
        boolean cutout;

        @Spec
        CommandLine.Model.CommandSpec spec;

        private PatchMixing mixing() {
            try {
                int[] box = PatchMixing.parseBox(mixBox);
                return new PatchMixing(mixProb, box[0], box[1], mixBoxes, cutout);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        @Override
        public Integer call() throws Exception {
            common.check(spec.commandLine());
            PatchMixing mixing = mixing();
            if (!kind.equals("vae") && !kind.equals("wgan")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--kind: unknown '" + kind + "'; expected vae or wgan");
            }
            if (init != null && !kind.equals("vae")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--init: only for --kind vae (the WGAN trainer starts fresh)");
            }
            ImageSet train = common.load("train");
            ImageSet test = common.load("test");
            PlantSpec plant = common.plantSpec();
            Device device = common.device.resolve();
            System.out.println("training a " + kind + " generator (latent " + latent + ") on " + train
                    + (plant == null ? "" : ", plant " + plant));
            TrainedGenerator trained = switch (kind) {
                case "vae" -> {
                    VaeTrainingOptions o = new VaeTrainingOptions();
                    o.latentSize = latent;
                    o.beta = beta;
                    o.initFrom = init;
                    o.mixing = mixing;
                    o.plant = plant;
                    o.seed = common.seed;
                    o.dataset = common.dataset;
                    o.device = device;
                    if (common.epochs != null) o.epochs = common.epochs;
                    if (common.batch != null) o.batchSize = common.batch;
                    if (common.lr != null) o.learningRate = common.lr;
                    yield new VaeTrainer(o, System.out).train(train, test);
                }
                case "wgan" -> {
                    WganTrainingOptions o = new WganTrainingOptions();
                    o.latentSize = latent;
                    o.criticSteps = nCritic;
                    o.clip = clip;
                    o.mixing = mixing;
                    o.plant = plant;
                    o.seed = common.seed;
                    o.dataset = common.dataset;
                    o.device = device;
                    if (common.epochs != null) o.epochs = common.epochs;
                    if (common.batch != null) o.batchSize = common.batch;
                    if (common.lr != null) o.learningRate = common.lr;
                    yield new WganTrainer(o, System.out).train(train, test);
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--kind: unknown '" + kind + "'; expected vae or wgan");
            };
            try (trained) {
                ModelCard card = GeneratorTrainingRun.saveAndMeasure(
                        trained, test, plant, common.out, commandLine(spec), device, System.out);
                System.out.println("wrote " + common.out + " (" + card.training.get("wallSeconds") + " s)");
            }
            return 0;
        }
    }

    /**
     * The command for the card: {@code cdeepex train <subcommand>} and the arguments given after the subcommand
     * (picocli's {@code originalArgs} holds the whole command line, whichever command is the root).
     */
    static String commandLine(CommandLine.Model.CommandSpec spec) {
        java.util.List<String> args = spec.commandLine().getParseResult().originalArgs();
        int at = args.indexOf(spec.name());
        java.util.List<String> rest = at < 0 ? args : args.subList(at + 1, args.size());
        return "cdeepex train " + spec.name() + (rest.isEmpty() ? "" : " " + String.join(" ", rest));
    }
}
