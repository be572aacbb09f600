package io.cdeepex.cli;

import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCards;
import io.cdeepex.model.ModelRepository;

import java.nio.file.Path;

/** The generator a command explains with: its {@code --generator} option, else the one the classifier card names. */
final class GeneratorChoice {
    private GeneratorChoice() {}

    static Path directory(ModelRepository repo, String option, Path classifierDir, ModelCard classifierCard) {
        if (option != null) return repo.resolve(option);
        return ModelCards.generatorOf(classifierDir, classifierCard).orElseThrow(() -> new IllegalArgumentException(
                classifierDir.resolve(ModelCards.FILE_NAME) + " names no generator (field 'generator');"
                        + " pass --generator DIR"));
    }
}
