package io.cdeepex.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.cdeepex.text.DidYouMean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
        UnknownFields unknown = new UnknownFields();
        ModelCard card;
        try {
            if (isEmpty(YAML.readTree(file.toFile()))) {
                throw new ModelCardException(file, null, "is empty; a card needs the fields kind (classifier or"
                        + " generator), format (djl or torchscript), file (the weights), architecture (djl only),"
                        + " and for a classifier: inputShape, classNames; for a generator: outputShape, latentSize");
            }
            card = YAML.readerFor(ModelCard.class).withHandler(unknown).readValue(file.toFile());
        } catch (JsonMappingException e) {
            throw new ModelCardException(file, fieldPath(e), mappingProblem(e), e);
        } catch (JsonProcessingException e) {
            throw new ModelCardException(file, null, "not valid YAML at " + where(e.getLocation()) + ": "
                    + e.getOriginalMessage().split("\n")[0], e);
        } catch (IOException e) {
            throw new ModelCardException(file, null, "cannot be read: " + e.getMessage(), e);
        }
        unknown.throwIfAny(file);
        validate(card, dir);
        return card;
    }

    /**
     * The generator directory a classifier's card names in field {@code generator} (a sibling of the classifier's
     * directory), checked to hold a usable generator card; empty when the card names none.
     */
    public static Optional<Path> generatorOf(Path classifierDir, ModelCard card) {
        if (card.generator == null) return Optional.empty();
        Path file = classifierDir.resolve(FILE_NAME);
        String named = card.generator;
        require(!named.isBlank(), file, "generator", "is empty; expected the name of the generator directory next"
                + " to the classifier, or no 'generator' field");
        Path dir = classifierDir.toAbsolutePath().normalize().resolveSibling(named).normalize();
        if (!Files.isRegularFile(dir.resolve(FILE_NAME))) {
            List<String> siblings = new ModelRepository(dir.getParent()).names();
            List<String> generators = siblings.stream()
                    .filter(n -> "generator".equals(kindOf(dir.resolveSibling(n)))).toList();
            throw new ModelCardException(file, "generator", "names '" + named + "' but " + dir
                    + " is not a model directory (no " + FILE_NAME + "); "
                    + DidYouMean.suggest(named, generators).map(s -> "did you mean '" + s + "'? ").orElse("")
                    + (generators.isEmpty() ? "models next to it: " + siblings + " (none is a generator)"
                    : "generators next to it: " + generators));
        }
        ModelCard generator;
        try {
            generator = read(dir);
        } catch (ModelCardException e) {
            throw new ModelCardException(file, "generator", "names '" + named + "', whose card cannot be used: "
                    + e.getMessage(), e);
        }
        require(generator.kind == ModelCard.Kind.generator, file, "generator", "names '" + named + "' but " + dir
                + " holds a " + generator.kind + "; expected a generator");
        return Optional.of(dir);
    }

    /** The {@code kind} a model directory's card states, without validating the rest; null when unreadable. */
    private static String kindOf(Path dir) {
        try {
            JsonNode kind = YAML.readTree(dir.resolve(FILE_NAME).toFile()).path("kind");
            return kind.isTextual() ? kind.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;  // only used to pick suggestions: an unreadable sibling is simply not suggested
        }
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
        require(
                card.valueRange != null
                        && card.valueRange.size() == 2
                        && card.valueRange.get(0) < card.valueRange.get(1),
                file,
                "valueRange",
                "expected [low, high] with low < high, got " + card.valueRange);
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

    private static boolean isEmpty(JsonNode tree) {
        return tree == null || tree.isMissingNode() || tree.isNull() || (tree.isObject() && tree.isEmpty());
    }

    /**
     * "unsupported format 'onnx' at line 3, column 9; expected one of: djl, torchscript" for a value that is not one
     * of an enum field's constants (Jackson's own text names the Java type); Jackson's first line otherwise.
     */
    private static String mappingProblem(JsonMappingException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String value = String.valueOf(f.getValue());
            List<String> accepted = Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString).toList();
            return "unsupported " + fieldPath(e) + " '" + value + "' at " + where(e.getLocation()) + "; "
                    + DidYouMean.suggest(value, accepted).map(s -> "did you mean '" + s + "'? ").orElse("")
                    + "expected one of: " + String.join(", ", accepted);
        }
        return e.getOriginalMessage().split("\n")[0] + " at " + where(e.getLocation());
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(JsonLocation location) {
        return location == null
                ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
