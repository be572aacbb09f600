package io.cdeepex.cli;

import io.cdeepex.report.AllureCategories;
import io.cdeepex.report.AllureEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code --reports} folder of one {@code audit} run. A run owns it: at the start the results an earlier run
 * left (JUnit XML, Allure results with their environment and categories, an interruption note) are deleted, so
 * that nothing in the folder can be read as this run's verdict. Only files of the kinds this tool and Allure's
 * own tools write are deleted; a folder holding anything else is refused, never cleared.
 *
 * <p>Allure's trend charts are made from the previous report's {@code history/}: where a report built from this
 * folder left one ({@code REPORTS/allure-report/full/history} from {@code mvn -Paudit verify}, or
 * {@code REPORTS/allure-report/history} from a plain {@code allure generate}), it replaces
 * {@code allure-results/history}; a history put there by hand is kept otherwise.
 */
final class AuditResultsFolder {
    static final String JUNIT = "junit";
    static final String ALLURE = "allure-results";
    static final String INTERRUPTED = "INTERRUPTED.txt";

    private static final Pattern JUNIT_FILE = Pattern.compile("TEST-.+\\.xml");
    /** Allure's result, container and attachment files are named by a UUID. */
    private static final Pattern ALLURE_FILE = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(result|container|attachment).*"
                    + "|" + Pattern.quote(AllureEnvironment.FILE_NAME) + "|" + Pattern.quote(AllureCategories.FILE_NAME)
                    + "|executor\\.json"); // allure-maven writes that one when it builds a report
    /** The trend data of a previous report: an input of the next report, never deleted unless replaced. */
    static final String HISTORY = "history";
    /** Where reports built from this folder keep their history, the main job's first. */
    static final List<String> PREVIOUS_HISTORY = List.of("allure-report/full/history", "allure-report/history");

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
        refuseForeign(allure, f -> ALLURE_FILE.matcher(f).matches() || f.equals(HISTORY));
        try {
            deleteMatching(junit, f -> JUNIT_FILE.matcher(f).matches());
            deleteMatching(allure, f -> ALLURE_FILE.matcher(f).matches());
            AllureEnvironment.in(allure).clear();
            Files.deleteIfExists(folder.interruptedNote());
            folder.carryHistory();
        } catch (IOException e) {
            throw new IllegalArgumentException("--reports " + root + ": cannot delete the earlier run's results ("
                    + OutputPaths.reason(e) + ")", e);
        }
        return folder;
    }

    /** The history of the newest previous report, copied over {@code allure-results/history}; none: left as is. */
    private void carryHistory() throws IOException {
        Path from = PREVIOUS_HISTORY.stream().map(root::resolve).filter(Files::isDirectory).findFirst().orElse(null);
        if (from == null) return;
        Path to = allureResults().resolve(HISTORY);
        deleteTree(to);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
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
