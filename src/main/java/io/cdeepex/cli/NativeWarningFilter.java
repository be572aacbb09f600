package io.cdeepex.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.regex.Pattern;

/**
 * Drops libtorch's "Could not initialize NNPACK! Reason: Unsupported hardware." from a command's error stream.
 * libtorch 2.7.1 logs it on every convolution on CPUs without NNPACK support (tens of thousands of lines for one
 * audit suite), and its log level cannot be set from Java; the convolutions run on another backend, so the line
 * says nothing the user can act on. Every other line passes unchanged; the dropped ones are counted and named once.
 */
final class NativeWarningFilter {
    static final Pattern HARMLESS = Pattern.compile(
            "^\\[W[0-9 :.]+NNPACK\\.cpp:\\d+\\] Could not initialize NNPACK! Reason: Unsupported hardware\\.$");

    private NativeWarningFilter() {}

    /** Copies {@code in} to {@code out} line by line without the harmless lines; returns how many were dropped. */
    static long copy(BufferedReader in, PrintStream out) throws IOException {
        long dropped = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (HARMLESS.matcher(line).matches()) {
                dropped++;
            } else {
                out.println(line);
                out.flush();
            }
        }
        return dropped;
    }

    /** The one line that stands for the dropped ones. */
    static String summary(long dropped) {
        return "(libtorch logged \"Could not initialize NNPACK! Reason: Unsupported hardware.\" " + dropped
                + " times; hidden: convolutions run on another backend on this CPU)";
    }
}
