package io.cdeepex.explain;

import io.cdeepex.data.PlantSpec;

import java.util.OptionalInt;

/**
 * Something that can be put onto an image to move the classifier toward one class, for the {@code artefactPathStarts}
 * search start: an artefact known to be planted in the training data (a card's {@code plant}, a diagnostic), or one a
 * scan found and confirmed by its paste check (io.cdeepex.explain.scan), which needs nobody to name it.
 */
public interface Artefact {
    /** The class the artefact pushes toward; empty where it names none (the search start then refuses it). */
    OptionalInt targetClass();

    /** A copy of one C*H*W classifier-input image with the artefact on it. */
    float[] applyTo(float[] image, int channels, int height, int width);

    /** For messages and reports, e.g. the plant spec or the finding's box. */
    String describe();

    /** A planted artefact; null for null. */
    static Artefact planted(PlantSpec plant) {
        return plant == null ? null : new Planted(plant);
    }

    /** An artefact given by its plant spec. */
    record Planted(PlantSpec plant) implements Artefact {
        @Override
        public OptionalInt targetClass() { return plant.targetClass(); }

        @Override
        public float[] applyTo(float[] image, int channels, int height, int width) {
            return plant.plant(image, channels, height, width);
        }

        @Override
        public String describe() { return plant.toString(); }
    }
}
