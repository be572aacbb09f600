package io.cdeepex.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code --reports} folder of one {@code audit} run. A run owns it: at the start the results an earlier run
 * left (JUnit XML, Allure results, an interruption note) are deleted, so that nothing in the folder can be read
 * as this run's verdict. Only files of the kinds this tool writes are deleted; a folder holding anything else is
 * refused, never cleared.
 */
final class AuditResultsFolder {
    static final String JUNIT = "junit";
    static final String ALLURE = "allure-results";
    static final String INTERRUPTED = "INTERRUPTED.txt";

    private static final Pattern JUNIT_FILE = Pattern.compile("TEST-.+\\.xml");
    /** Allure's result, container and attachment files are named by a UUID. */
    private static final Pattern ALLURE_FILE = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(result|container|attachment).*");

    private final Path root;

    private AuditResultsFolder(Path root) {
        this.root = root;
    }

    /** Checks that {@code --reports} can be written and clears the earlier run's results; else a clear error. */
    static AuditResultsFolder claim(Path root) {
        OutputPaths.requireWritableDirectory("--reports", root);
        AuditResultsFolder folder = new AuditResultsFolder(root);
        Path junit = folder.junit();
        Path allure = folder.allureResults();
        OutputPaths.requireWritableDirectory("--reports", junit);
        OutputPaths.requireWritableDirectory("--reports", allure);
        refuseForeign(junit, f -> JUNIT_FILE.matcher(f).matches());
        refuseForeign(allure, f -> ALLURE_FILE.matcher(f).matches());
        try {
            deleteMatching(junit, f -> JUNIT_FILE.matcher(f).matches());
            deleteMatching(allure, f -> ALLURE_FILE.matcher(f).matches());
            Files.deleteIfExists(folder.interruptedNote());
        } catch (IOException e) {
            throw new IllegalArgumentException("--reports " + root + ": cannot delete the earlier run's results ("
                    + OutputPaths.reason(e) + ")", e);
        }
        return folder;
    }

    Path junit() {
        return root.resolve(JUNIT);
    }

    Path allureResults() {
        return root.resolve(ALLURE);
    }

    Path interruptedNote() {
        return root.resolve(INTERRUPTED);
    }

    private static void refuseForeign(Path dir, Predicate<String> ours) {
        List<String> foreign = names(dir).filter(ours.negate()).sorted().limit(3).toList();
        if (foreign.isEmpty()) return;
        throw new IllegalArgumentException("--reports: " + dir + " holds files this tool did not write ("
                + String.join(", ", foreign) + "); an audit run clears its results folder, so move those files or"
                + " choose another --reports directory");
    }

    private static void deleteMatching(Path dir, Predicate<String> ours) throws IOException {
        for (String name : names(dir).filter(ours).toList()) Files.deleteIfExists(dir.resolve(name));
    }

    private static Stream<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList().stream();
        } catch (IOException e) {
            throw new IllegalArgumentException("--reports: cannot list " + dir + " (" + OutputPaths.reason(e) + ")", e);
        }
    }
}
