package io.cdeepex.audit.suite;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.data.SampleFilter;

/**
 * Images a case runs on: chosen from a dataset by a filter, optionally with an artefact planted (at the
 * classifier's input size, the coordinates the plant spec and regions use).
 *
 * @param name     the name under the suite's {@code samples}, or the case path for an inline set
 * @param position where it was defined
 * @param dataset  the dataset name or path as written
 * @param filter   labels to include / exclude, count and seed
 * @param plant    artefact planted on the images it applies to, or null
 * @param images   the chosen images at the dataset's resolution, before planting
 */
public record SampleSet(String name, Position position, String dataset, SampleFilter filter, PlantSpec plant,
                        ImageSet images) {
    /** "digits: 8 of mnist-samples (include all, exclude [8], count 8, seed 42)". */
    public String describe() {
        return name + ": " + images.size() + " of " + dataset + " " + filter
                + (plant == null ? "" : " planted " + plant);
    }
}
