package io.cdeepex.audit.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds suite files: {@code *.yaml} and {@code *.yml} directly in a directory, sorted by name. */
final class SuiteFiles {
    private SuiteFiles() {}

    static boolean isSuite(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /**
     * What decides the CI shard of a case ({@link io.cdeepex.shard.Shard}): the suite's file name (suites lie
     * directly in their directory, so this is the path relative to it) and the case name; the file name alone for
     * a file that is one test (a broken or excluded suite). The same whether the suite is run through its
     * directory, a marker class or the file itself.
     */
    static String shardKey(Path file, String caseName) {
        String name = file.getFileName().toString();
        return caseName == null ? name : name + "#" + caseName;
    }

    static List<Path> in(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p) && isSuite(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list audit suites in " + dir + ": " + e.getMessage(), e);
        }
    }
}
