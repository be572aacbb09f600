package io.cdeepex.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which model, exactly, a report talks about: SHA-256 over the card and the weight files it names, so that two
 * runs, shards or machines can tell whether they audited the same bytes. Reproducible from a shell in the model
 * directory as {@code sha256sum model.yaml WEIGHTS... | sha256sum} (the card first, then {@code file}, then
 * {@code encoder} where the card has one). Computed once per model directory and file state per JVM.
 */
public final class ModelFingerprint {
    /** Characters of the hex digest that reports show; enough to tell models apart, short enough to read. */
    public static final int SHOWN = 12;

    /** The files and their sizes and modification times: a changed file is hashed again. */
    private record State(List<Path> files, List<Long> sizes, List<Long> modified) {}

    private static final Map<State, String> CACHE = new ConcurrentHashMap<>();

    private ModelFingerprint() {}

    /** The full hex SHA-256 fingerprint of the model directory whose card is {@code card}. */
    public static String of(Path dir, ModelCard card) {
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(ModelCards.FILE_NAME));
        if (card.file != null) files.add(dir.resolve(card.file));
        if (card.encoder != null) files.add(dir.resolve(card.encoder));
        State state = state(files);
        return CACHE.computeIfAbsent(state, s -> hash(s.files()));
    }

    /** {@code sha256:} and the first {@link #SHOWN} hex digits. */
    public static String shown(String fingerprint) {
        return "sha256:" + fingerprint.substring(0, Math.min(SHOWN, fingerprint.length()));
    }

    private static State state(List<Path> files) {
        List<Path> real = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        for (Path f : files) {
            try {
                real.add(f.toRealPath());
                sizes.add(Files.size(f));
                modified.add(Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + " to fingerprint the model: " + e.getMessage(), e);
            }
        }
        return new State(real, sizes, modified);
    }

    /** The digest of the sha256sum listing ("HEX  NAME\n" per file) of the files. */
    private static String hash(List<Path> files) {
        StringBuilder listing = new StringBuilder();
        for (Path f : files) listing.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
        return HexFormat.of().formatHex(digest().digest(listing.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(Path file) {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to fingerprint the model: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e); // every Java SE has it
        }
    }
}
