package io.cdeepex.model;

import ai.djl.nn.Block;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The network architectures we define in Java (format {@code djl}), by id. A card names its architecture;
 * loading rebuilds the block here and reads the {@code .params} into it. A classifier architecture also says the
 * input (C,H,W) it is built for, so the trainer resizes the data to it, and every architecture names the
 * {@code architectureOptions} it reads, so a misspelt option is an error rather than silently ignored.
 */
public final class Architectures {
    /** How to build one architecture, its default input shape (null: not a classifier) and the options it reads. */
    private record Entry(Function<ModelCard, Block> builder, List<Integer> defaultInputShape, Set<String> options) {}

    private static final Map<String, Entry> ENTRIES = new TreeMap<>();

    static {
        ArchitectureCatalog.registerAll();
    }

    private Architectures() {}

    /**
     * @param defaultInputShape (C, H, W) a classifier is trained at unless told otherwise; null for the generators,
     *                          encoders and critics
     * @param options           the {@code architectureOptions} keys the builder reads
     */
    static void register(String id, List<Integer> defaultInputShape, Set<String> options,
                         Function<ModelCard, Block> builder) {
        ENTRIES.put(id, new Entry(builder, defaultInputShape == null ? null : List.copyOf(defaultInputShape),
                Set.copyOf(options)));
    }

    public static Set<String> ids() {
        return ENTRIES.keySet();
    }

    /** The classifier architectures: those with a default input shape. */
    public static Set<String> classifierIds() {
        Set<String> ids = new TreeSet<>();
        ENTRIES.forEach((id, e) -> {
            if (e.defaultInputShape() != null) ids.add(id);
        });
        return ids;
    }

    /** The (C, H, W) input a classifier architecture is built for; empty for generators and unknown ids. */
    public static Optional<List<Integer>> defaultInputShape(String id) {
        Entry e = ENTRIES.get(id);
        return e == null ? Optional.empty() : Optional.ofNullable(e.defaultInputShape());
    }

    /** The {@code architectureOptions} keys the architecture reads (e.g. {@code width}); empty for unknown ids. */
    public static Set<String> options(String id) {
        Entry e = ENTRIES.get(id);
        return e == null ? Set.of() : e.options();
    }

    /**
     * A fresh, uninitialised block of the architecture the id names, shaped by the card. Every network we train
     * or load is built here, so this is where the native kernels are checked before the first one runs.
     *
     * @throws IllegalArgumentException for an unknown id, or a card whose {@code architectureOptions} hold a key the
     *                                  architecture does not read or a value it cannot use
     * @throws NativeKernelException    when this machine's convolution kernels compute wrong results
     */
    public static Block build(String id, ModelCard card) {
        Entry entry = ENTRIES.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("unknown architecture '" + id + "', expected one of " + ids());
        }
        if (card.architectureOptions != null) {
            for (String key : card.architectureOptions.keySet()) {
                if (!entry.options().contains(key)) {
                    throw new IllegalArgumentException("architecture '" + id + "' has no option '" + key
                            + "' (architectureOptions); it reads " + new TreeSet<>(entry.options()));
                }
            }
        }
        NativeKernelSelfCheck.ensureCorrect();
        return entry.builder().apply(card);
    }
}
