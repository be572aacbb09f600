package io.cdeepex.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A planted artefact, e.g. {@code square:class=8,x=0,y=0,size=6,value=0.5}: a value-filled square at pixel
 * (x, y) of the classifier input, planted on every image of {@code class} (or on every image when no class is
 * given). Keys: {@code class} (optional, a label &ge; 0), {@code x}, {@code y} (column and row of the top-left
 * pixel, &ge; 0), {@code size} (side in pixels, &ge; 1), {@code value} (the pixel value, 0..1). Nothing is
 * clamped: a square that does not fit the image is an error.
 */
public record PlantSpec(OptionalInt targetClass, int x, int y, int size, float value) {
    private static final String KIND = "square";
    private static final Set<String> KEYS = Set.of("class", "x", "y", "size", "value");
    private static final String KEY_LIST = "class, x, y, size, value";

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
    }

    /**
     * Parses {@code square:[class=C,]x=X,y=Y,size=S,value=V} (keys in any order).
     *
     * @throws IllegalArgumentException naming the spec, the key and what was expected
     */
    public static PlantSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty plant spec; expected e.g. square:class=8,x=0,y=0,size=6,value=0.5");
        }
        String text = spec.trim();
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon).trim();
        if (colon < 0 || !KIND.equals(kind)) {
            throw new IllegalArgumentException("unknown artefact '" + kind + "' in plant spec '" + spec
                    + "'; expected square:[class=C,]x=X,y=Y,size=S,value=V");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.substring(colon + 1).split(",", -1)) {
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
        for (String required : new String[] {"x", "y", "size", "value"}) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("missing key '" + required + "' in plant spec '" + spec
                        + "'; expected " + KEY_LIST + " (class optional)");
            }
        }
        OptionalInt target = values.containsKey("class")
                ? OptionalInt.of(integer(values.get("class"), "class", 0, spec))
                : OptionalInt.empty();
        return new PlantSpec(target, integer(values.get("x"), "x", 0, spec), integer(values.get("y"), "y", 0, spec),
                integer(values.get("size"), "size", 1, spec), fraction(values.get("value"), spec));
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

    private static float fraction(String text, String spec) {
        float v;
        try {
            v = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            v = Float.NaN;
        }
        if (!(v >= 0f && v <= 1f)) {
            throw new IllegalArgumentException("key 'value' in plant spec '" + spec + "' is '" + text
                    + "'; expected a number in 0..1");
        }
        return v;
    }

    /** Whether an image with this label gets the artefact. */
    public boolean appliesTo(int label) {
        return targetClass.isEmpty() || targetClass.getAsInt() == label;
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
        if (targetClass.isPresent() && !set.classNames().isEmpty() && targetClass.getAsInt() >= set.classNames().size()) {
            throw new IllegalArgumentException("plant spec '" + this + "' targets class " + targetClass.getAsInt()
                    + " but " + set.name() + " has classes 0.." + (set.classNames().size() - 1));
        }
        float[][] pixels = new float[set.size()][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = all || appliesTo(set.label(i))
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
                + "x=" + x + ",y=" + y + ",size=" + size + ",value=" + value;
    }
}
