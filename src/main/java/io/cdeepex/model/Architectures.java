package io.cdeepex.model;

import ai.djl.nn.Block;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The network architectures we define in Java (format {@code djl}), by id. A card names its architecture;
 * loading rebuilds the block here and reads the {@code .params} into it.
 */
public final class Architectures {
    private static final Map<String, Function<ModelCard, Block>> BUILDERS = new TreeMap<>();

    static {
        // Registered by the architecture classes in io.cdeepex.model.arch (see ArchitectureCatalog).
        ArchitectureCatalog.registerAll();
    }

    private Architectures() {}

    static void register(String id, Function<ModelCard, Block> builder) {
        BUILDERS.put(id, builder);
    }

    public static Set<String> ids() {
        return BUILDERS.keySet();
    }

    /** A fresh, uninitialised block of the architecture the id names, shaped by the card. */
    public static Block build(String id, ModelCard card) {
        Function<ModelCard, Block> builder = BUILDERS.get(id);
        if (builder == null) {
            throw new IllegalArgumentException("unknown architecture '" + id + "', expected one of " + ids());
        }
        return builder.apply(card);
    }
}
