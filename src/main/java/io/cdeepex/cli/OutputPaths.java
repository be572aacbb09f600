package io.cdeepex.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks that a command can write where its options say, before it does any work: a minutes-long solve or audit
 * must not end in "cannot write". The check creates the directory (the command would create it anyway) and writes
 * and deletes a probe file in it, because permission bits alone do not say whether a place is writable (root sees
 * every bit set; {@code /proc} and read-only mounts refuse anyway).
 */
final class OutputPaths {
    private OutputPaths() {}

    /** Makes sure {@code dir} is, or can become, a directory this process can write; else a message naming it. */
    static void requireWritableDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + ": is a file; expected a directory to write into");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + dir + ": cannot create this directory in "
                    + nearestExisting(dir) + " (" + reason(e) + "); expected a directory this user can write", e);
        }
        probe(option, dir, dir);
    }

    /** Makes sure {@code file} can be written (its directory created if missing); else a message naming it. */
    static void requireWritableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a directory; expected a file name");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": the file exists and cannot be overwritten"
                    + " (permission denied)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": " + parent + " is a file, not a directory");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot create its directory " + parent
                    + " in " + nearestExisting(parent) + " (" + reason(e) + "); expected a file in a directory this"
                    + " user can write", e);
        }
        probe(option, file, parent);
    }

    /** A short reason for a failed file operation: "permission denied", "no such file or directory", ... */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof FileAlreadyExistsException) return "a file of that name exists";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Where creating {@code dir} failed: its nearest ancestor that exists (e.g. {@code /proc}, a read-only mount). */
    private static Path nearestExisting(Path dir) {
        Path p = dir.toAbsolutePath().getParent();
        while (p != null && !Files.exists(p)) p = p.getParent();
        return p == null ? dir.toAbsolutePath().getRoot() : p;
    }

    private static void probe(String option, Path target, Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".cdeepex-write-check", ""));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + target + ": cannot write in " + dir + " ("
                    + reason(e) + "); expected a directory this user can write", e);
        }
    }
}
