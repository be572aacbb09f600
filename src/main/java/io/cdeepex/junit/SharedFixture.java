package io.cdeepex.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A fixture that is expensive to make (a loaded model, a dataset), stored in JUnit's root store and made on
 * first use. Making it takes this holder's own lock, so it happens once even when many parallel tests ask at
 * the same time and whatever JUnit's store does with concurrent {@code getOrComputeIfAbsent} calls (JUnit 5.14
 * memoises the creator per key, but the holder does not rely on that: a second holder that lost a race is never
 * asked for its value). A failure is remembered and reported to every later caller instead of retrying a load
 * that cannot work. Callers get the value's face (e.g. a model whose {@code close()} does nothing), made once; JUnit
 * closes the holder, and with it the value itself when it is {@link AutoCloseable}, when the run ends.
 */
final class SharedFixture<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedFixture.class);
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final String description;
    private final Supplier<T> maker;
    private final UnaryOperator<T> face;
    private T value;
    private T shown;
    private RuntimeException failure;
    private boolean closed;

    SharedFixture(String description, Supplier<T> maker) {
        this(description, maker, UnaryOperator.identity());
    }

    /** @param face what callers get instead of the value itself (made once, after the value) */
    SharedFixture(String description, Supplier<T> maker, UnaryOperator<T> face) {
        this.description = description;
        this.maker = maker;
        this.face = face;
    }

    /** Number of made and not yet closed {@link AutoCloseable} fixtures in this JVM (for tests and diagnostics). */
    static int openCount() {
        return OPEN.get();
    }

    /**
     * The value, made now if it was not made yet.
     *
     * @param onMade called once, with the milliseconds it took, by the caller that made it
     * @throws ExtensionConfigurationException when making it failed (now or before)
     */
    synchronized T get(java.util.function.LongConsumer onMade) {
        if (closed) {
            throw new IllegalStateException(description + " was closed at the end of the test run; do not keep it"
                    + " beyond the run");
        }
        if (failure == null && value == null) {
            long t0 = System.nanoTime();
            try {
                value = maker.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (value != null) {
                if (value instanceof AutoCloseable) OPEN.incrementAndGet();
                shown = face.apply(value);
                onMade.accept((System.nanoTime() - t0) / 1_000_000);
            }
        }
        if (failure != null) {
            throw new ExtensionConfigurationException("cannot load " + description + ": " + failure.getMessage(),
                    failure);
        }
        return shown;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (value instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", description, e.toString());
            } finally {
                OPEN.decrementAndGet();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
