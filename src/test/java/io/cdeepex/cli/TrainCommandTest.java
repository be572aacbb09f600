package io.cdeepex.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    @CommandLine.Command(name = "cdeepex")
    static final class Root implements Runnable {
        @Override public void run() {}
    }

    private static CommandLine.Model.CommandSpec leaf(CommandLine.ParseResult result) {
        while (result.hasSubcommand()) result = result.subcommand();
        return result.commandSpec();
    }

    @Test
    void theCardRecordsTheCommandOnceWhateverTheRoot() {
        String[] args = {"generator", "--dataset", "mnist", "--kind", "vae", "--latent", "16", "--out", "models/x"};
        CommandLine direct = new CommandLine(new TrainCommand());
        assertThat(TrainCommand.commandLine(leaf(direct.parseArgs(args))))
                .isEqualTo("cdeepex train generator --dataset mnist --kind vae --latent 16 --out models/x");

        CommandLine nested = new CommandLine(new Root()).addSubcommand(new TrainCommand());
        String[] full = new String[args.length + 1];
        full[0] = "train";
        System.arraycopy(args, 0, full, 1, args.length);
        assertThat(TrainCommand.commandLine(leaf(nested.parseArgs(full))))
                .isEqualTo("cdeepex train generator --dataset mnist --kind vae --latent 16 --out models/x");
    }

    @Test
    void missingRequiredOptionsAreUsageErrorsThatNameThem() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err));
        int rc = cl.execute("classifier", "--dataset", "mnist");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
        err.getBuffer().setLength(0);
        assertThat(cl.execute("generator", "--dataset", "mnist", "--out", "x", "--kind", "vae")).isEqualTo(2);
        assertThat(err.toString()).contains("--latent");
    }

    @Test
    void badPatchMixingOptionsAreUsageErrorsNamingTheOptionBeforeAnyData() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err));
        String[] base = {"generator", "--dataset", "mnist", "--out", "x", "--kind", "vae", "--latent", "4"};
        assertThat(cl.execute(concat(base, "--mix-prob", "0.5", "--mix-box", "9"))).isEqualTo(2);
        assertThat(err.toString()).contains("--mix-box").contains("MIN,MAX").contains("'9'");
        err.getBuffer().setLength(0);
        assertThat(cl.execute(concat(base, "--mix-prob", "2"))).isEqualTo(2);
        assertThat(err.toString()).contains("--mix-prob").contains("0..1");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aGeneratorThatIsNotThereIsRejectedBeforeAnyTraining(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err));
        int rc = cl.execute("classifier", "--dataset", "mnist", "--out", dir.resolve("clf").toString(),
                "--generator", "vae-not-trained-yet");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString())
                .contains("--generator: 'vae-not-trained-yet' names " + dir.resolve("vae-not-trained-yet"))
                .contains("not a model directory").contains("Train the generator first");
        assertThat(dir.resolve("clf")).doesNotExist();
    }

    @Test
    void anUnknownDatasetIsRejectedBeforeAnyTraining() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err));
        int rc = cl.execute("classifier", "--dataset", "cifar", "--out", "x");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--dataset").contains("cifar").contains("mnist or fashion-mnist");
    }

    @Test
    void aBadPlantSpecIsAUsageErrorNamingTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err));
        int rc = cl.execute(
                "classifier", "--dataset", "mnist", "--out", "x", "--plant", "square:class=8,x=0,y=0,size=6,valu=0.5");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--plant").contains("valu");
    }

    @Test
    void aWidthIsAUsageErrorForAnArchitectureWithoutOneAndAnUnknownArchitectureIsNamed() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err));
        assertThat(cl.execute("classifier", "--dataset", "fashion-mnist", "--out", "x", "--width", "0.125"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--width").contains("'mnist-paper' has no width multiplier");
        err.getBuffer().setLength(0);
        assertThat(cl.execute("classifier", "--dataset", "fashion-mnist", "--out", "x", "--arch", "vgg19"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--arch: unknown 'vgg19'").contains("resnet101").contains("vgg16");
        err.getBuffer().setLength(0);
        assertThat(cl.execute(
                        "classifier", "--dataset", "fashion-mnist", "--out", "x", "--arch", "vgg16", "--width", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--width: must be in (0, 16], got 0.0");
    }

    @Test
    void theClassifierCommandTakesWidthResumeAndStopAfter() {
        String[] args = {"classifier", "--dataset", "fashion-mnist", "--arch", "resnet101", "--width", "0.125",
                "--resume", "--stop-after", "3", "--out", "models/f"};
        CommandLine.ParseResult parsed = new CommandLine(new TrainCommand()).parseArgs(args);
        TrainCommand.ClassifierCommand c = (TrainCommand.ClassifierCommand) leaf(parsed).userObject();
        assertThat(c.width).isEqualTo(0.125);
        assertThat(c.resume).isTrue();
        assertThat(c.stopAfter).isEqualTo(3);
        assertThat(c.arch).isEqualTo("resnet101");
    }
}
