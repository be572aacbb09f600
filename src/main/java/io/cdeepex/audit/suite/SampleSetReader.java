package io.cdeepex.audit.suite;

import io.cdeepex.data.DatasetException;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.data.SampleFilter;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a sample set ({@code dataset}, {@code include}, {@code exclude}, {@code count}, {@code seed},
 * {@code plant}) and chooses its images now, so that a dataset that cannot be loaded or a filter that leaves nothing
 * is reported with the suite's other problems. Dataset paths resolve relative to the suite file; loaded datasets are
 * kept in the loader's cache.
 */
final class SampleSetReader {
    private final Path suiteDir;
    private final Map<String, ImageSet> datasets;

    SampleSetReader(Path suiteDir, Map<String, ImageSet> datasets) {
        this.suiteDir = suiteDir;
        this.datasets = datasets;
    }

    /** The set, or null (with problems) when it cannot be used. */
    SampleSet read(Fields s, String name) {
        s.allowOnly(SuiteLoader.SAMPLE_KEYS, "a sample set");
        String dataset = s.requiredString("dataset", "a dataset name (" + String.join(", ", Datasets.names())
                + ") or a path relative to the suite file");
        List<Integer> include = s.integers("include", 0, 9999);
        List<Integer> exclude = s.integers("exclude", 0, 9999);
        Integer count = s.integer("count", 1, 1_000_000);
        Long seed = s.longInteger("seed");
        PlantSpec plant = s.plant("plant");
        boolean ignoreClassNames = Boolean.TRUE.equals(s.bool("ignoreClassNames"));
        if (dataset == null) return null;
        ImageSet images = dataset(s, dataset);
        if (images == null) return null;
        int classes = images.classNames().size();
        for (String key : List.of("include", "exclude")) {
            List<Integer> labels = key.equals("include") ? include : exclude;
            if (labels != null && classes > 0) {
                labels.stream().filter(l -> l >= classes).findFirst().ifPresent(l -> s.problem(key, "label " + l
                        + " is outside " + dataset + "'s classes; expected labels 0.." + (classes - 1)));
            }
        }
        SampleFilter filter = new SampleFilter(include, exclude, count == null ? 0 : count,
                seed == null ? SuiteLoader.DEFAULT_SAMPLE_SEED : seed);
        try {
            // ignoreClassNames: relabelled on purpose, the labels are the classifier's classes (no names to check)
            ImageSet chosen = filter.select(ignoreClassNames ? images.withoutClassNames() : images);
            return new SampleSet(name, s.position(), dataset, filter, plant, chosen);
        } catch (DatasetException e) {
            s.problems().add(s.position(), s.path(), "the sample set is empty or too small: " + e.getMessage()
                    + "; expected include/exclude/count that leave at least one image");
            return null;
        }
    }

    private ImageSet dataset(Fields s, String dataset) {
        // Always against the suite file: a path that happens to exist under the working directory would make the
        // suite mean different data depending on where it is run from.
        String resolved = Datasets.names().contains(dataset) ? dataset
                : suiteDir.resolve(dataset).normalize().toString();
        ImageSet cached = datasets.get(resolved);
        if (cached != null) return cached;
        try {
            ImageSet images = Datasets.load(resolved);
            datasets.put(resolved, images);
            return images;
        } catch (DatasetException | UncheckedIOException | IllegalArgumentException e) {
            s.problem("dataset", "dataset '" + dataset + "' cannot be loaded: " + e.getMessage());
            return null;
        }
    }
}
