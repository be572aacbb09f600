package io.cdeepex.train;

import ai.djl.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writing DJL weights into model directories under a predictable file name. */
final class ModelDirectories {
    private ModelDirectories() {}

    /**
     * Saves the model's block as {@code <name>-0000.params} (the name DJL's {@code Model.load(dir, name)} looks
     * for) and returns that file name. The epoch is pinned to 0 so that retraining into the same directory
     * overwrites the file instead of adding {@code -0001}.
     */
    static String saveParameters(Model model, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        model.setProperty("Epoch", "0");
        model.save(dir, name);
        String file = String.format(Locale.ROOT, "%s-%04d.params", name, 0);
        if (!Files.isRegularFile(dir.resolve(file))) {
            throw new IOException("DJL did not write the expected weights file " + dir.resolve(file));
        }
        return file;
    }
}
