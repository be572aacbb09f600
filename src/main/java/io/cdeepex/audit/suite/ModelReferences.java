package io.cdeepex.audit.suite;

import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelCardException;
import io.cdeepex.model.ModelCards;
import io.cdeepex.model.ModelRepository;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves the models a suite names: a name under the models root, or a path relative to the suite file; reads
 * and checks the card; finds a classifier's generator through its card. Problems name the key that named the model.
 */
final class ModelReferences {
    private final ModelRepository models;
    private final Path suiteDir;

    ModelReferences(ModelRepository models, Path suiteDir) {
        this.models = models;
        this.suiteDir = suiteDir;
    }

    /** The model the key names, or null (with a problem) when it cannot be used as a {@code kind}. */
    ModelRef read(Fields f, String key, ModelCard.Kind kind) {
        String text = f.string(key);
        if (text == null) return null;
        Path modelDir;
        try {
            if (text.contains("/") || text.contains("\\") || text.startsWith(".")) {
                Path p = Path.of(text);
                modelDir = p.isAbsolute() ? p : suiteDir.resolve(p).normalize();
                if (!Files.isDirectory(modelDir)) {
                    throw new ModelCardException(modelDir, null, "model directory does not exist");
                }
            } else {
                modelDir = models.resolve(text);
            }
            ModelCard card = ModelCards.read(modelDir);
            if (card.kind != kind) {
                f.problem(key, "'" + text + "' is a " + card.kind + " (" + modelDir.resolve(ModelCards.FILE_NAME)
                        + "); expected a " + kind);
                return null;
            }
            return new ModelRef(text, f.at(key), modelDir, card);
        } catch (ModelCardException e) {
            f.problem(key, "model '" + text + "' cannot be used: " + e.getMessage() + "; expected a model name under"
                    + " the models root " + models.root().toAbsolutePath().normalize() + " (system property "
                    + ModelRepository.PROPERTY + ") or a path to a model directory, relative to the suite file");
            return null;
        }
    }

    /** The generator the classifier's card names (a sibling directory), or null with a problem. */
    ModelRef generatorOf(Fields c, ModelRef classifier, String where) {
        String ref = classifier.card().generator;
        Path cardFile = classifier.dir().resolve(ModelCards.FILE_NAME);
        if (ref == null) {
            c.problem(null, "explanation metrics need a generator" + where + ": expected 'generator' in the case or"
                    + " at the suite level, or a 'generator' field in " + cardFile);
            return null;
        }
        try {
            Path genDir = ModelCards.generatorOf(classifier.dir(), classifier.card()).orElseThrow();
            return new ModelRef(ref, classifier.position(), genDir, ModelCards.read(genDir));
        } catch (ModelCardException e) {
            c.problems().add(classifier.position(), c.path("classifier"), e.getMessage()
                    + "; or name a 'generator' in the suite");
            return null;
        }
    }
}
