package io.cdeepex.model;

import ai.djl.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The models of one test run, loaded once per (kind, directory, device) whichever face asks first: the
 * {@code @ModelAudit} extension and the YAML audit engine find the same cache in JUnit's execution-request store
 * under {@link #STORE_NAMESPACE}, so a model that both a Java audit and a YAML suite use loads once per run. Each
 * key has its own lock, so parallel tests that ask for one model wait for a single load while other models load
 * at the same time. A failed load is remembered and thrown again to every later caller instead of retrying a load
 * that cannot work. Closing the cache (JUnit does when the request ends) closes every model.
 */
public final class ModelCache implements AutoCloseable {
    /** The namespace, in JUnit's execution-request store, of the run's one cache (its key: this class). */
    public static final String STORE_NAMESPACE = "io.cdeepex.models";
    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    private static final AtomicInteger OPEN = new AtomicInteger();

    private record Key(String kind, Path dir, Device device) {}

    private final Map<Key, Slot<?>> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Number of loaded and not yet closed models of every cache in this JVM (for tests and diagnostics). */
    public static int openCount() {
        return OPEN.get();
    }

    /**
     * The classifier of {@code dir} on {@code device}, loaded now if it was not yet.
     *
     * @param onLoaded called once, by the caller that loaded it, with the model and the milliseconds it took
     */
    public Classifier classifier(Path dir, Device device, Consumer<Loaded<Classifier>> onLoaded) {
        return get("classifier", dir, device, ModelLoader::loadClassifier, onLoaded);
    }

    /** As {@link #classifier}, for a generator. */
    public Generator generator(Path dir, Device device, Consumer<Loaded<Generator>> onLoaded) {
        return get("generator", dir, device, ModelLoader::loadGenerator, onLoaded);
    }

    /** A model that was just loaded, for the caller's log and report. */
    public record Loaded<T>(T model, Path dir, Device device, long millis) {}

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T get(String kind, Path dir, Device device, BiFunction<Path, Device, T> loader,
                                            Consumer<Loaded<T>> onLoaded) {
        if (closed) throw new IllegalStateException("the run's models were closed when its tests ended");
        Key key = new Key(kind, dir.toAbsolutePath().normalize(), device);
        Slot<T> slot = (Slot<T>) slots.computeIfAbsent(key, k -> new Slot<T>());
        return slot.get(() -> loader.apply(key.dir(), device), (model, millis) ->
                onLoaded.accept(new Loaded<>(model, key.dir(), device, millis)));
    }

    @Override
    public void close() {
        closed = true;
        List<Slot<?>> all = new ArrayList<>(slots.values());
        slots.clear();
        for (Slot<?> slot : all) slot.close();
    }

    /** One model: loaded under the slot's own lock, so once however many threads ask. */
    private static final class Slot<T extends AutoCloseable> {
        private T model;
        private RuntimeException failure;

        synchronized T get(java.util.function.Supplier<T> load, java.util.function.ObjLongConsumer<T> onLoaded) {
            if (model == null && failure == null) {
                long t0 = System.nanoTime();
                try {
                    model = load.get();
                    OPEN.incrementAndGet();
                } catch (RuntimeException e) {
                    failure = e;
                }
                if (model != null) onLoaded.accept(model, (System.nanoTime() - t0) / 1_000_000);
            }
            if (failure != null) throw failure;
            return model;
        }

        synchronized void close() {
            if (model == null) return;
            try {
                model.close();
            } catch (Exception e) {
                LOG.warn("could not close model {}: {}", model, e.toString());
            } finally {
                model = null;
                OPEN.decrementAndGet();
            }
        }
    }
}
