package io.cdeepex.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code model.yaml} card of a model directory. Read and validated by {@link ModelCards}; written by
 * the trainers. Unknown fields are errors, so a typo never silently changes behaviour.
 *
 * <pre>
 * kind: classifier            # classifier | generator
 * format: djl                 # djl (.params + architecture id) | torchscript (.pt)
 * architecture: mnist-paper   # djl only: id known to {@link Architectures}
 * file: mnist-paper.params    # weights file in the directory
 * inputShape: [1, 64, 64]     # classifier: input C,H,W
 * valueRange: [0.0, 1.0]      # classifier: pixel range the network expects; generator: range it outputs
 * normalization: {mean: [0.1307], std: [0.3081]}   # optional, applied inside the classifier
 * classNames: ["0", ..., "9"] # classifier
 * generator: mnist-vae-biased8 # classifier: generator directory (sibling) that models its training data
 * latentSize: 16              # generator
 * outputShape: [1, 64, 64]    # generator
 * encoder: encoder.params     # generator, optional: VAE encoder weights (same format)
 * encoderArchitecture: ...    # generator with djl encoder
 * architectureOptions: {width: 0.125}  # djl: options the architecture reads (vgg16, resnet101: width multiplier)
 * plant: square:class=8,x=0,y=0,size=6,value=0.5  # artefact planted in the training data, if any
 * training: {...}             # how it was trained (free-form)
 * metrics: {...}              # measured numbers (free-form)
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "kind",
    "format",
    "architecture",
    "file",
    "description",
    "inputShape",
    "outputShape",
    "latentSize",
    "valueRange",
    "normalization",
    "classNames",
    "generator",
    "encoder",
    "encoderArchitecture",
    "architectureOptions",
    "plant",
    "training",
    "metrics"
})
public final class ModelCard {
    public enum Kind { classifier, generator }
    public enum Format { djl, torchscript }

    public Kind kind;
    public Format format;
    public String architecture;
    public String file;
    public String description;
    public List<Integer> inputShape;
    public List<Integer> outputShape;
    public Integer latentSize;
    public List<Double> valueRange = new ArrayList<>(List.of(0.0, 1.0));
    public Normalization normalization;
    public List<String> classNames;
    public String generator;
    public String encoder;
    public String encoderArchitecture;
    /**
     * Numbers a djl architecture needs to be rebuilt, e.g. {@code width} (vgg16, resnet101: channels scaled by it);
     * a key the architecture does not read is an error when it is built ({@link Architectures#build}).
     */
    public Map<String, Object> architectureOptions;
    public String plant;
    public Map<String, Object> training;
    public Map<String, Object> metrics = new LinkedHashMap<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Normalization {
        public List<Double> mean;
        public List<Double> std;
    }
}
