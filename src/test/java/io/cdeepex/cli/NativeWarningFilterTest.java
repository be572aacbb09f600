package io.cdeepex.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NativeWarningFilterTest {
    private static final String NNPACK =
            "[W1126 16:08:24.016434760 NNPACK.cpp:57] Could not initialize NNPACK! Reason: Unsupported hardware.";

    @Test
    void dropsOnlyTheNnpackLineAndCountsIt() throws Exception {
        String in = String.join("\n", NNPACK, "[main] INFO io.cdeepex.explain.Explainer - inverted 3/3 images", NNPACK,
                "[W1126 16:08:24.0 NNPACK.cpp:57] Could not initialize NNPACK! Reason: Out of memory.",
                "error: suite.yaml:4: field 'probe' expected a class index", NNPACK) + "\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long dropped;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            dropped = NativeWarningFilter.copy(new BufferedReader(new StringReader(in)), out);
        }
        assertThat(dropped).isEqualTo(3);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "[main] INFO io.cdeepex.explain.Explainer - inverted 3/3 images",
                "[W1126 16:08:24.0 NNPACK.cpp:57] Could not initialize NNPACK! Reason: Out of memory.",
                "error: suite.yaml:4: field 'probe' expected a class index");
        assertThat(NativeWarningFilter.summary(dropped)).contains("3 times");
    }
}
