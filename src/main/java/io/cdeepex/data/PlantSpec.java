package io.cdeepex.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A planted artefact, e.g. {@code square:class=8,x=0,y=0,size=6,value=0.5}: a value-filled square at pixel
 * (x, y) of the classifier input, planted on every image of {@code class} (or on every image when no class is
 * given). Keys: {@code class} (optional, a label &ge; 0), {@code x}, {@code y} (column and row of the top-left
 * pixel, &ge; 0), {@code size} (side in pixels, &ge; 1), {@code value} (the pixel value, 0..1), {@code share}
 * (optional, in (0, 1], default 1: the share of those images that get it). Nothing is clamped: a square that does
 * not fit the image is an error.
 *
 * <p>{@code share} models an artefact that occurs in the world independently of the class, e.g.
 * {@code square:x=0,y=0,size=6,value=0.5,share=0.5} for a generator's training data, while the classifier's data
 * had it on one class only. Which images get it is a pure function of the image id, so it is the same in every
 * epoch, run and export.
 */
public record PlantSpec(OptionalInt targetClass, int x, int y, int size, float value, double share) {
    private static final String KIND = "square";
    private static final Set<String> KEYS = Set.of("class", "x", "y", "size", "value", "share");
    private static final String KEY_LIST = "class, x, y, size, value, share";
    private static final List<String> REQUIRED = List.of("x", "y", "size", "value");
    private static final String SYNTAX = "square:[class=C,]x=X,y=Y,size=S,value=V[,share=F] (class and share optional),"
            + " e.g. square:class=8,x=0,y=0,size=6,value=0.5";

    public PlantSpec {
        if (targetClass == null) {
            targetClass = OptionalInt.empty();
        }
        if (targetClass.isPresent() && targetClass.getAsInt() < 0) {
            throw new IllegalArgumentException("plant class must be >= 0, got " + targetClass.getAsInt());
        }
        if (x < 0 || y < 0 || size < 1) {
            throw new IllegalArgumentException("plant square needs x >= 0, y >= 0, size >= 1; got x=" + x + ", y=" + y
                    + ", size=" + size);
        }
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException("plant value must be in 0..1, got " + value);
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("plant share must be in (0, 1], got " + share);
        }
    }

    /** An artefact on every image of its class (share 1). */
    public PlantSpec(OptionalInt targetClass, int x, int y, int size, float value) {
        this(targetClass, x, y, size, value, 1);
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
        if (!KIND.equals(kind)) {
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
                share);
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
            for (int r = y; r < y + size; r++) {
                int start = (c * height + r) * width + x;
                java.util.Arrays.fill(out, start, start + size, value);
            }
        }
        return out;
    }

    private void checkFits(int height, int width, String where) {
        if ((long) x + size > width || (long) y + size > height) {
            throw new IllegalArgumentException("plant spec '" + this + "' does not fit " + where + " of " + height + "x"
                    + width + " pixels (HxW): the square covers columns " + x + ".." + (x + size - 1) + " and rows "
                    + y + ".." + (y + size - 1));
        }
    }

    /** The spec string this record parses from. */
    @Override
    public String toString() {
        return "square:" + (targetClass.isPresent() ? "class=" + targetClass.getAsInt() + "," : "")
                + "x=" + x + ",y=" + y + ",size=" + size + ",value=" + value + (share < 1 ? ",share=" + share : "");
    }
}
