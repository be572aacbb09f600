package io.cdeepex.audit.engine;

import org.junit.platform.engine.ConfigurationParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML suites a project keeps where the README tells it to: the folder {@code audits/} under the working
 * directory (the project's root under Maven) and folders {@code audits/} on the test class path
 * ({@code src/test/resources/audits}). {@link AuditTestEngine} runs them when a build tool asks for a project's tests
 * without naming a suite: Surefire and Gradle select every test class, an IDE's "run all" selects class-path roots,
 * and neither can select a YAML file. Configuration parameter {@value #PARAMETER} (junit-platform.properties or a
 * system property) lists other locations, comma-separated, or is {@value #NONE} to run none.
 */
final class ProjectSuites {
    static final String PARAMETER = "cdeepex.audit.suites";
    static final String DEFAULT = "audits";
    static final String NONE = "none";

    private ProjectSuites() {}

    /** The suite files, location by location (working-directory folder first), each file once. */
    static List<Path> find(ConfigurationParameters parameters, ClassLoader loader) {
        String value = parameters.get(PARAMETER).map(String::strip).orElse(DEFAULT);
        if (value.isEmpty() || value.equalsIgnoreCase(NONE)) return List.of();
        Map<Path, Path> files = new LinkedHashMap<>();
        for (String location : value.split(",")) {
            String name = location.strip();
            if (name.isEmpty()) continue;
            List<Path> dirs = new ArrayList<>();
            if (Files.isDirectory(Path.of(name))) dirs.add(Path.of(name));
            dirs.addAll(classPathFolders(loader, name));
            for (Path dir : dirs) {
                for (Path file : SuiteFiles.in(dir)) files.putIfAbsent(file.toAbsolutePath().normalize(), file);
            }
        }
        return List.copyOf(files.values());
    }

    /**
     * Class-path folders of that name on the file system (test-classes, classes); a folder inside a jar is a
     * dependency's, not the project's, and is not run.
     */
    private static List<Path> classPathFolders(ClassLoader loader, String name) {
        List<Path> dirs = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(name))) {
                if (!"file".equals(url.getProtocol())) continue;
                Path dir = Path.of(url.toURI());
                if (Files.isDirectory(dir)) dirs.add(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for audit suites in class-path folder '" + name + "': "
                    + e.getMessage(), e);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot look for audit suites in class-path folder '" + name + "': "
                    + e.getMessage(), e);
        }
        return dirs;
    }
}
