package io.cdeepex.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds model directories by name under a models root (default {@code models/}, or the system property
 * {@code cdeepex.models}), or takes a path as is.
 */
public final class ModelRepository {
    public static final String PROPERTY = "cdeepex.models";
    private final Path root;

    public ModelRepository(Path root) {
        this.root = root;
    }

    /** The repository the system property {@code cdeepex.models} names, else {@code ./models}. */
    public static ModelRepository fromSystem() {
        return new ModelRepository(Path.of(System.getProperty(PROPERTY, "models")));
    }

    public Path root() { return root; }

    /** The directory for a model name (a sibling under the root) or a path (containing a separator or existing). */
    public Path resolve(String nameOrPath) {
        Path asPath = Path.of(nameOrPath);
        if (nameOrPath.contains("/") || nameOrPath.contains(java.io.File.separator)) {
            if (!Files.isDirectory(asPath)) {
                throw new ModelCardException(asPath, null, "model directory does not exist");
            }
            return asPath;
        }
        Path dir = root.resolve(nameOrPath);
        if (!Files.isDirectory(dir)) {
            throw new ModelCardException(dir, null, "no model named '" + nameOrPath + "' under " + root.toAbsolutePath()
                    + "; known models: " + names());
        }
        return dir;
    }

    /** Model directory names under the root (directories holding a model.yaml). */
    public List<String> names() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(ModelCards.FILE_NAME)))
                    .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
