package io.cdeepex.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads, validates and writes {@code model.yaml} cards. */
public final class ModelCards {
    public static final String FILE_NAME = "model.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ModelCards() {}

    /** Reads and validates the card of a model directory. */
    public static ModelCard read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isDirectory(dir)) {
            throw new ModelCardException(dir, null, "model directory does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelCardException(file, null, "missing: every model directory needs a " + FILE_NAME + " card");
        }
        ModelCard card;
        try {
            card = YAML.readValue(file.toFile(), ModelCard.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ModelCardException(file, e.getPropertyName(), "unknown field at " + where(e.getLocation())
                    + "; known fields: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")), e);
        } catch (JsonMappingException e) {
            throw new ModelCardException(file, fieldPath(e), e.getOriginalMessage().split("\n")[0]
                    + " at " + where(e.getLocation()), e);
        } catch (JsonProcessingException e) {
            throw new ModelCardException(file, null, "not valid YAML at " + where(e.getLocation()) + ": "
                    + e.getOriginalMessage().split("\n")[0], e);
        } catch (IOException e) {
            throw new ModelCardException(file, null, "cannot be read: " + e.getMessage(), e);
        }
        if (card == null) {
            throw new ModelCardException(file, null, "is empty");
        }
        validate(card, dir);
        return card;
    }

    /** Writes the card into the directory (creating it). */
    public static void write(ModelCard card, Path dir) throws IOException {
        Files.createDirectories(dir);
        YAML.writeValue(dir.resolve(FILE_NAME).toFile(), card);
    }

    static void validate(ModelCard card, Path dir) {
        Path file = dir.resolve(FILE_NAME);
        require(card.kind != null, file, "kind", "missing; expected classifier or generator");
        require(card.format != null, file, "format", "missing; expected djl or torchscript");
        require(card.file != null && !card.file.isBlank(), file, "file", "missing; expected the weights file name");
        require(Files.isRegularFile(dir.resolve(card.file)), file, "file",
                "names '" + card.file + "' but " + dir.resolve(card.file) + " does not exist");
        if (card.format == ModelCard.Format.djl) {
            require(card.architecture != null, file, "architecture",
                    "missing; a djl model needs one of " + Architectures.ids());
            require(Architectures.ids().contains(card.architecture), file, "architecture",
                    "unknown '" + card.architecture + "'; expected one of " + Architectures.ids());
        }
        require(card.valueRange != null && card.valueRange.size() == 2 && card.valueRange.get(0) < card.valueRange.get(1),
                file, "valueRange", "expected [low, high] with low < high, got " + card.valueRange);
        if (card.kind == ModelCard.Kind.classifier) {
            checkShape(card.inputShape, file, "inputShape");
            require(card.classNames != null && card.classNames.size() >= 2, file, "classNames",
                    "expected a list of at least two class names, got " + card.classNames);
            require(card.latentSize == null, file, "latentSize", "only generators have a latent size");
            if (card.normalization != null) {
                int c = card.inputShape.get(0);
                checkPerChannel(card.normalization.mean, c, file, "normalization.mean");
                checkPerChannel(card.normalization.std, c, file, "normalization.std");
                require(card.normalization.std.stream().allMatch(s -> s > 0), file, "normalization.std",
                        "every std must be > 0, got " + card.normalization.std);
            }
        } else {
            checkShape(card.outputShape, file, "outputShape");
            require(card.latentSize != null && card.latentSize > 0, file, "latentSize",
                    "expected a positive latent size, got " + card.latentSize);
            require(card.classNames == null, file, "classNames", "only classifiers have class names");
            if (card.encoder != null) {
                require(Files.isRegularFile(dir.resolve(card.encoder)), file, "encoder",
                        "names '" + card.encoder + "' but " + dir.resolve(card.encoder) + " does not exist");
                if (card.format == ModelCard.Format.djl) {
                    require(card.encoderArchitecture != null && Architectures.ids().contains(card.encoderArchitecture),
                            file, "encoderArchitecture", "expected one of " + Architectures.ids() + ", got "
                                    + card.encoderArchitecture);
                }
            }
        }
    }

    private static void checkShape(List<Integer> shape, Path file, String field) {
        require(shape != null && shape.size() == 3 && shape.stream().allMatch(d -> d != null && d > 0), file, field,
                "expected [channels, height, width] with positive sizes, got " + shape);
    }

    private static void checkPerChannel(List<Double> values, int channels, Path file, String field) {
        require(values != null && values.size() == channels, file, field,
                "expected one value per input channel (" + channels + "), got " + values);
    }

    private static void require(boolean ok, Path file, String field, String problem) {
        if (!ok) throw new ModelCardException(file, field, problem);
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(JsonLocation location) {
        return location == null ? "unknown position" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
