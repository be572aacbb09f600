package io.cdeepex.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A planted artefact, e.g. {@code square:class=8,x=0,y=0,size=6,value=0.5}: a value-filled shape whose bounding box
 * has its top-left pixel at (x, y), planted on every image of {@code class} (or on every image when no class is
 * given). The shape is the spec's kind: {@code square} (filled size x size), {@code ring} (the square's one-pixel
 * outline, size &ge; 3), {@code hline} / {@code vline} (a one-pixel line of length size, horizontal or vertical).
 * Keys: {@code class} (optional, a label &ge; 0), {@code x}, {@code y} (column and row of the top-left pixel,
 * &ge; 0), {@code size} (side or length in pixels, &ge; 1), {@code value} (the pixel value, 0..1), {@code share}
 * (optional, in (0, 1], default 1: the share of those images that get it). Nothing is clamped: a shape that does
 * not fit the image is an error.
 *
 * <p>{@code share} models an artefact that occurs in the world independently of the class, e.g.
 * {@code square:x=0,y=0,size=6,value=0.5,share=0.5} for a generator's training data, while the classifier's data
 * had it on one class only. Which images get it is a pure function of the image id, so it is the same in every
 * epoch, run and export.
 */
public record PlantSpec(OptionalInt targetClass, int x, int y, int size, float value, double share, Shape shape) {
    /** The artefact's form inside its bounding box. */
    public enum Shape {
        SQUARE, RING, HLINE, VLINE;

        /** The spec's kind word, e.g. {@code ring}. */
        public String kind() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static String kinds() {
            return java.util.Arrays.stream(values()).map(Shape::kind).collect(java.util.stream.Collectors.joining("|"));
        }
    }

    private static final Set<String> KEYS = Set.of("class", "x", "y", "size", "value", "share");
    private static final String KEY_LIST = "class, x, y, size, value, share";
    private static final List<String> REQUIRED = List.of("x", "y", "size", "value");
    private static final String SYNTAX = Shape.kinds() + ":[class=C,]x=X,y=Y,size=S,value=V[,share=F] (class and"
            + " share optional), e.g. square:class=8,x=0,y=0,size=6,value=0.5";

    public PlantSpec {
        if (targetClass == null) {
            targetClass = OptionalInt.empty();
        }
        if (shape == null) {
            shape = Shape.SQUARE;
        }
        if (shape == Shape.RING && size < 3) {
            throw new IllegalArgumentException("plant ring needs size >= 3 (an outline with a hole), got " + size);
        }
        if (targetClass.isPresent() && targetClass.getAsInt() < 0) {
            throw new IllegalArgumentException("plant class must be >= 0, got " + targetClass.getAsInt());
        }
        if (x < 0 || y < 0 || size < 1) {
            throw new IllegalArgumentException("plant " + shape.kind() + " needs x >= 0, y >= 0, size >= 1; got x=" + x
                    + ", y=" + y
                    + ", size=" + size);
        }
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException("plant value must be in 0..1, got " + value);
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("plant share must be in (0, 1], got " + share);
        }
    }

    /** A filled square. */
    public PlantSpec(OptionalInt targetClass, int x, int y, int size, float value, double share) {
        this(targetClass, x, y, size, value, share, Shape.SQUARE);
    }

    /** A filled square on every image of its class (share 1). */
    public PlantSpec(OptionalInt targetClass, int x, int y, int size, float value) {
        this(targetClass, x, y, size, value, 1);
    }

    /** Columns the shape's bounding box spans. */
    public int boxWidth() {
        return shape == Shape.VLINE ? 1 : size;
    }

    /** Rows the shape's bounding box spans. */
    public int boxHeight() {
        return shape == Shape.HLINE ? 1 : size;
    }

    /** The share of its bounding box the shape fills: 1 for a square and a line, less for a ring. */
    public double boxCoverage() {
        if (shape != Shape.RING) return 1;
        return (size * size - (size - 2) * (size - 2)) / (double) (size * size);
    }

    /** Whether the shape covers the pixel at (row, column) of its bounding box. */
    boolean covers(int row, int column) {
        return shape != Shape.RING || row == 0 || column == 0 || row == size - 1 || column == size - 1;
    }

    /** The artefact a model card's {@code plant} field names, or null where the field is absent or blank. */
    public static PlantSpec ofCardField(String field) {
        return field == null || field.isBlank() ? null : parse(field);
    }

    /**
     * Parses {@code square:[class=C,]x=X,y=Y,size=S,value=V[,share=F]} (keys in any order).
     *
     * @throws IllegalArgumentException naming the spec, the key and what was expected
     */
    public static PlantSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty plant spec; expected " + SYNTAX);
        }
        String text = spec.trim();
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon).trim();
        Shape shape = java.util.Arrays.stream(Shape.values()).filter(v -> v.kind().equals(kind)).findFirst()
                .orElse(null);
        if (shape == null) {
            throw new IllegalArgumentException("unknown artefact '" + kind + "' in plant spec '" + spec
                    + "'; expected " + SYNTAX);
        }
        String body = colon < 0 ? "" : text.substring(colon + 1).trim();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("plant spec '" + spec + "' has no keys; missing "
                    + String.join(", ", REQUIRED) + ". Expected " + SYNTAX);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : body.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + part.trim() + "' in plant spec '" + spec
                        + "' is not key=value; expected keys " + KEY_LIST);
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in plant spec '" + spec + "'; expected "
                        + KEY_LIST);
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException("key '" + key + "' given twice in plant spec '" + spec + "'");
            }
        }
        List<String> missing = REQUIRED.stream().filter(k -> !values.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("plant spec '" + spec + "' misses "
                    + (missing.size() == 1 ? "key " : "keys ") + String.join(", ", missing) + ". Expected " + SYNTAX);
        }
        OptionalInt target = values.containsKey("class")
                ? OptionalInt.of(integer(values.get("class"), "class", 0, spec))
                : OptionalInt.empty();
        double share = values.containsKey("share") ? unitNumber(values.get("share"), "share", false, spec) : 1;
        return new PlantSpec(
                target,
                integer(values.get("x"), "x", 0, spec),
                integer(values.get("y"), "y", 0, spec),
                integer(values.get("size"), "size", 1, spec),
                (float) unitNumber(values.get("value"), "value", true, spec),
                share,
                shape);
    }

    private static int integer(String text, String key, int min, String spec) {
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            v = Integer.MIN_VALUE;
        }
        if (v < min) {
            throw new IllegalArgumentException("key '" + key + "' in plant spec '" + spec + "' is '" + text
                    + "'; expected an integer >= " + min);
        }
        return v;
    }

    /** A number in 0..1 ({@code zeroAllowed}) or (0, 1]. */
    private static double unitNumber(String text, String key, boolean zeroAllowed, String spec) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!((zeroAllowed ? v >= 0 : v > 0) && v <= 1)) {
            throw new IllegalArgumentException("key '" + key + "' in plant spec '" + spec + "' is '" + text
                    + "'; expected a number in " + (zeroAllowed ? "0..1" : "(0, 1]"));
        }
        return v;
    }

    /** Whether the image with this label and id gets the artefact: its class is targeted and it is in the share. */
    public boolean appliesTo(int label, String imageId) {
        if (targetClass.isPresent() && targetClass.getAsInt() != label) return false;
        // A seeded draw per id (String.hashCode is fixed by the language spec), not per position in the set.
        return share >= 1 || new SplittableRandom(imageId.hashCode()).nextDouble() < share;
    }

    /** The set with the artefact planted on the images it applies to (others unchanged). */
    public ImageSet apply(ImageSet set) {
        return plantWhere(set, false);
    }

    /** The set with the artefact planted on every image, whatever its label (for measuring the planted rate). */
    public ImageSet applyToAll(ImageSet set) {
        return plantWhere(set, true);
    }

    private ImageSet plantWhere(ImageSet set, boolean all) {
        checkFits(set.height(), set.width(), set.name());
        if (targetClass.isPresent()
                && !set.classNames().isEmpty()
                && targetClass.getAsInt() >= set.classNames().size()) {
            throw new IllegalArgumentException("plant spec '" + this + "' targets class " + targetClass.getAsInt()
                    + " but " + set.name() + " has classes 0.." + (set.classNames().size() - 1));
        }
        float[][] pixels = new float[set.size()][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = all || appliesTo(set.label(i), set.id(i))
                    ? plant(set.image(i), set.channels(), set.height(), set.width())
                    : set.image(i);
        }
        return set.withPixels(set.channels(), set.height(), set.width(), pixels);
    }

    /** A copy of one C*H*W image with the artefact planted on every channel. */
    public float[] plant(float[] image, int channels, int height, int width) {
        checkFits(height, width, "the image");
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException("image has " + image.length + " values; expected " + channels + "x"
                    + height + "x" + width);
        }
        float[] out = image.clone();
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < boxHeight(); r++) {
                for (int col = 0; col < boxWidth(); col++) {
                    if (covers(r, col)) {
                        out[(c * height + y + r) * width + x + col] = value;
                    }
                }
            }
        }
        return out;
    }

    private void checkFits(int height, int width, String where) {
        if ((long) x + boxWidth() > width || (long) y + boxHeight() > height) {
            throw new IllegalArgumentException("plant spec '" + this + "' does not fit " + where + " of " + height + "x"
                    + width + " pixels (HxW): the " + shape.kind() + " covers columns " + x + ".."
                    + (x + boxWidth() - 1) + " and rows " + y + ".." + (y + boxHeight() - 1));
        }
    }

    /** The spec string this record parses from. */
    @Override
    public String toString() {
        return shape.kind() + ":" + (targetClass.isPresent() ? "class=" + targetClass.getAsInt() + "," : "")
                + "x=" + x + ",y=" + y + ",size=" + size + ",value=" + value + (share < 1 ? ",share=" + share : "");
    }
}
