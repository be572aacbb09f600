package io.cdeepex.junit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Encoder;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelCard;

import java.util.List;
import java.util.Optional;

/**
 * The faces of shared models that tests receive: they delegate everything except {@code close()}, which does
 * nothing, so a test that closes its injected model out of habit (try-with-resources) cannot break the tests
 * after it. The run closes the real model ({@link SharedFixture}).
 */
final class SharedModels {
    private SharedModels() {}

    static Classifier classifier(Classifier model) {
        return new SharedClassifier(model);
    }

    static Generator generator(Generator model) {
        return new SharedGenerator(model);
    }

    private record SharedClassifier(Classifier model) implements Classifier {
        @Override public NDArray logits(NDArray images) { return model.logits(images); }
        @Override public Shape inputShape() { return model.inputShape(); }
        @Override public List<String> classNames() { return model.classNames(); }
        @Override public int numClasses() { return model.numClasses(); }
        @Override public String name() { return model.name(); }
        @Override public ModelCard card() { return model.card(); }
        @Override public void close() { /* shared: closed at the end of the run */ }
        @Override public String toString() { return model.toString(); }
    }

    private record SharedGenerator(Generator model) implements Generator {
        @Override public NDArray generate(NDArray latent) { return model.generate(latent); }
        @Override public int latentSize() { return model.latentSize(); }
        @Override public Shape outputShape() { return model.outputShape(); }
        @Override public Optional<Encoder> encoder() { return model.encoder(); }
        @Override public String name() { return model.name(); }
        @Override public ModelCard card() { return model.card(); }
        @Override public void close() { /* shared: closed at the end of the run */ }
        @Override public String toString() { return model.toString(); }
    }
}
