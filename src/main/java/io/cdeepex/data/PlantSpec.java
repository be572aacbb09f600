package io.cdeepex.data;

import java.util.OptionalInt;

/**
 * A planted artefact, e.g. {@code square:class=8,x=0,y=0,size=6,value=0.5}: a value-filled square at pixel
 * (x, y) of the classifier input, planted on every image of {@code class} (or on every image when no class is
 * given). (Contract: implemented in the data-layer work.)
 */
public record PlantSpec(OptionalInt targetClass, int x, int y, int size, float value) {
    public static PlantSpec parse(String spec) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }

    /** Whether an image with this label gets the artefact. */
    public boolean appliesTo(int label) {
        return targetClass.isEmpty() || targetClass.getAsInt() == label;
    }

    /** The set with the artefact planted on the images it applies to (others unchanged). */
    public ImageSet apply(ImageSet set) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }

    /** The set with the artefact planted on every image, whatever its label (for measuring the planted rate). */
    public ImageSet applyToAll(ImageSet set) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }

    /** A copy of one C*H*W image with the artefact planted on every channel. */
    public float[] plant(float[] image, int channels, int height, int width) {
        throw new UnsupportedOperationException("data layer not merged yet");
    }

    /** The spec string this record parses from. */
    @Override
    public String toString() {
        return "square:" + (targetClass.isPresent() ? "class=" + targetClass.getAsInt() + "," : "")
                + "x=" + x + ",y=" + y + ",size=" + size + ",value=" + value;
    }
}
