package io.cdeepex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.ModelLoader;
import io.cdeepex.model.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cdeepex evaluate}: accuracy, recall, confusion and planted rate of a classifier on a dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Prints accuracy, per-class recall and the confusion matrix; with --plant also the share of other classes' images the artefact turns into its class.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--classifier", required = true, paramLabel = "DIR|NAME", description = "Classifier model directory, or a name under models/")
    String classifier;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH",
            description = "mnist-samples, mnist-test, mnist-train, fashion-mnist-test, ... or a path")
    String dataset;

    @Option(names = "--plant", paramLabel = "SPEC", description = "Artefact to plant, e.g. square:class=8,x=0,y=0,size=6,value=0.5")
    String plant;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the numbers as JSON")
    Path json;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        PlantSpec spec = plant == null ? null : PlantSpec.parse(plant);
        ImageSet set = Datasets.load(dataset);
        ai.djl.Device dev = device.resolve();
        try (Classifier c = ModelLoader.loadClassifier(ModelRepository.fromSystem().resolve(classifier), dev)) {
            ClassifierEvaluation result = ClassifierEvaluation.run(c, set, spec, dev);
            System.out.print(result.report());
            if (json != null) {
                if (json.getParent() != null) Files.createDirectories(json.getParent());
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result.toMap());
                System.out.println("wrote " + json);
            }
        }
        return 0;
    }
}
