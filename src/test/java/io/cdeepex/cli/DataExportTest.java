package io.cdeepex.cli;

import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.IdxReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code data export} writes what the trainers see: resized, artefact on its class only. */
class DataExportTest {

    @TempDir
    Path dir;

    @Test
    void exportsTheResizedSetWithTheSquareOnItsClassOnly() throws Exception {
        StringWriter out = new StringWriter();
        int rc = new CommandLine(new DataCommand()).setOut(new PrintWriter(out)).execute("export",
                "--dataset", "mnist-samples", "--size", "32", "--plant", "square:class=8,x=0,y=0,size=4,value=0.5",
                "--out", dir.toString());
        assertThat(rc).as(out.toString()).isZero();

        ImageSet source = Datasets.load("mnist-samples");
        ImageSet exported = IdxReader.read(
                dir.resolve(DataCommand.EXPORT_IMAGES),
                dir.resolve(DataCommand.EXPORT_LABELS),
                "exported",
                "exported",
                Datasets.DIGITS);
        assertThat(exported.size()).isEqualTo(source.size());
        assertThat(exported.height()).isEqualTo(32);
        assertThat(exported.width()).isEqualTo(32);
        assertThat(exported.labels()).containsExactly(source.labels());
        int eights = 0;
        for (int i = 0; i < exported.size(); i++) {
            float corner = exported.image(i)[0];
            float inside = exported.image(i)[3 * 32 + 3];
            if (exported.label(i) == 8) {
                eights++;
                assertThat(corner).as("square on 8 #%d", i).isCloseTo(0.5f, within(1f / 255));
                assertThat(inside).as("square on 8 #%d", i).isCloseTo(0.5f, within(1f / 255));
            } else {
                // MNIST corners are blank: nothing was planted here
                assertThat(corner).as("corner of non-8 #%d", i).isLessThan(0.05f);
            }
        }
        assertThat(eights).isPositive();
        assertThat(out.toString()).contains("Wrote " + source.size() + " images of 1x32x32");

        // The tool reads its own export back by directory (evaluate --dataset DIR), ids named after it.
        ImageSet reread = Datasets.load(dir.toString());
        assertThat(reread.size()).isEqualTo(exported.size());
        assertThat(reread.labels()).containsExactly(exported.labels());
        assertThat(reread.image(7)).containsExactly(exported.image(7));
        assertThat(reread.id(7)).isEqualTo(dir.getFileName() + "#7");
    }

    @Test
    void anUnknownDatasetIsAnErrorNamingIt() {
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new DataCommand()).setErr(new PrintWriter(err)).execute("export",
                "--dataset", "no-such-set", "--out", dir.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("no-such-set");
    }

    @Test
    void aBadPlantIsAUsageError() {
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new DataCommand()).setErr(new PrintWriter(err)).execute("export",
                "--dataset", "mnist-samples", "--plant", "square:x=0", "--out", dir.toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--plant");
    }
}
