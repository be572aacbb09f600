package io.cdeepex.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} CI jobs that split a run between them, as {@code -Dcdeepex.shard=I/N} asks (1-based, like
 * GitLab's {@code CI_NODE_INDEX/CI_NODE_TOTAL}). A test belongs to the shard its key hashes to, so the same test
 * lands in the same shard on every run and machine, whatever the order or number of the other tests; adding a
 * test moves no other test. The key is SHA-256 of the test's key text (UTF-8), its first 8 bytes read as an
 * unsigned big-endian number, modulo {@code count}, plus one.
 */
public record Shard(int index, int count) {
    /** The system property / JUnit configuration parameter that selects a shard. */
    public static final String PROPERTY = "cdeepex.shard";
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException(
                    PROPERTY + ": expected I/N with 1 <= I <= N, got " + index + "/" + count);
        }
    }

    /**
     * The shard a value names; empty for null or blank (no sharding).
     *
     * @param source where the value came from, for the error (e.g. "configuration parameter cdeepex.shard")
     * @throws IllegalArgumentException naming {@code source} and the expected form, for anything else
     */
    public static Optional<Shard> parse(String value, String source) {
        if (value == null || value.isBlank()) return Optional.empty();
        Matcher m = FORM.matcher(value);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            int count = Integer.parseInt(m.group(2));
            if (count >= 1 && index >= 1 && index <= count) return Optional.of(new Shard(index, count));
        }
        throw new IllegalArgumentException(source + " is '" + value.strip() + "'; expected I/N, this job's number I"
                + " from 1 to N and the number of jobs N (e.g. 2/4 for the second of four jobs)");
    }

    /**
     * The shard a JUnit configuration (launcher parameters, system properties, {@code junit-platform.properties})
     * names under {@link #PROPERTY}; empty when it names none.
     */
    public static Optional<Shard> from(Function<String, Optional<String>> configuration) {
        return parse(configuration.apply(PROPERTY).orElse(null), "configuration parameter " + PROPERTY);
    }

    /** Whether the test with this key runs in this shard. */
    public boolean contains(String key) {
        return of(key, count) == index;
    }

    /** The 1-based shard of {@code count} that a test key belongs to. */
    public static int of(String key, int count) {
        if (count < 1) throw new IllegalArgumentException("count must be at least 1, got " + count);
        byte[] digest = sha256(key);
        long first8 = 0;
        for (int i = 0; i < 8; i++) first8 = (first8 << 8) | (digest[i] & 0xff);
        return (int) Long.remainderUnsigned(first8, count) + 1;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e); // every Java SE has it
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
