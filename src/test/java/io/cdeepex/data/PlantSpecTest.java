package io.cdeepex.data;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlantSpecTest {
    private static final String SPEC = "square:class=8,x=0,y=0,size=6,value=0.5";

    /** Three 1x8x8 images labelled 8, 3, 8 with every pixel 0.1 * (i + 1). */
    private static ImageSet threeImages() {
        float[][] pixels = new float[3][64];
        for (int i = 0; i < 3; i++) {
            java.util.Arrays.fill(pixels[i], 0.1f * (i + 1));
        }
        return new ImageSet("three", 1, 8, 8, pixels, new int[] {8, 3, 8}, new String[] {"t#0", "t#1", "t#2"},
                Datasets.DIGITS);
    }

    @Test
    void parsesAllKeysAndPrintsBack() {
        PlantSpec spec = PlantSpec.parse(SPEC);
        assertThat(spec).isEqualTo(new PlantSpec(OptionalInt.of(8), 0, 0, 6, 0.5f));
        assertThat(spec.toString()).isEqualTo(SPEC);
        assertThat(PlantSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @Test
    void classIsOptionalAndKeysMayComeInAnyOrder() {
        PlantSpec spec = PlantSpec.parse("square: value=1, size=2, y=3, x=4");
        assertThat(spec.targetClass()).isEmpty();
        assertThat(spec).isEqualTo(new PlantSpec(OptionalInt.empty(), 4, 3, 2, 1f));
        assertThat(spec.appliesTo(0, "a")).isTrue();
        assertThat(spec.appliesTo(9, "b")).isTrue();
        assertThat(PlantSpec.parse(SPEC).appliesTo(3, "c")).isFalse();
    }

    @Test
    void shareIsOptionalAndPrintedOnlyWhenBelowOne() {
        PlantSpec spec = PlantSpec.parse("square:x=0,y=0,size=6,value=0.5,share=0.5");
        assertThat(spec.share()).isEqualTo(0.5);
        assertThat(spec.toString()).isEqualTo("square:x=0,y=0,size=6,value=0.5,share=0.5");
        assertThat(PlantSpec.parse(spec.toString())).isEqualTo(spec);
        assertThat(PlantSpec.parse(SPEC).share()).isEqualTo(1.0);
        assertThat(PlantSpec.parse("square:x=0,y=0,size=6,value=0.5,share=1").toString()).doesNotContain("share");
    }

    @Test
    void aShareIsPlantedOnThatShareOfTheTargetClassChosenByImageId() {
        int n = 2000;
        float[][] pixels = new float[n][16];
        int[] labels = new int[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2 == 0 ? 8 : 3;
            ids[i] = "s#" + i;
        }
        ImageSet set = new ImageSet("s", 1, 4, 4, pixels, labels, ids, Datasets.DIGITS);
        PlantSpec spec = PlantSpec.parse("square:class=8,x=0,y=0,size=1,value=1,share=0.3");
        ImageSet planted = spec.apply(set);
        long eights = 0;
        long threes = 0;
        for (int i = 0; i < n; i++) {
            boolean has = planted.image(i)[0] == 1f;
            assertThat(has).as(ids[i]).isEqualTo(spec.appliesTo(labels[i], ids[i]));
            if (has && labels[i] == 8) eights++;
            if (has && labels[i] == 3) threes++;
        }
        assertThat(threes).isZero();
        assertThat(eights / 1000.0).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.05));
        // The choice follows the id, not the position: the same image gets it in a reordered set.
        ImageSet reversed = set.subset(java.util.stream.IntStream.range(0, n).map(i -> n - 1 - i).toArray());
        ImageSet plantedReversed = spec.apply(reversed);
        for (int i = 0; i < n; i++) {
            assertThat(plantedReversed.image(n - 1 - i)[0]).as(ids[i]).isEqualTo(planted.image(i)[0]);
        }
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,y=0,size=6,value=0.5,share=0"))
                .hasMessageContaining(
                        "key 'share' in plant spec 'square:x=0,y=0,size=6,value=0.5,share=0' is '0'; expected a number"
                                + " in (0, 1]");
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,y=0,size=6,value=0.5,share=half"))
                .hasMessageContaining("key 'share'").hasMessageContaining("is 'half'");
    }

    @Test
    void unknownKeyIsNamed() {
        String bad = "square:class=8,x=0,y=0,size=6,colour=0.5";
        assertThatThrownBy(() -> PlantSpec.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown key 'colour' in plant spec '" + bad + "'; expected class, x, y, size, value, share");
    }

    @Test
    void missingKeysAreAllNamedWithTheSyntax() {
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,y=0,value=0.5"))
                .hasMessageContaining("plant spec 'square:x=0,y=0,value=0.5' misses key size. Expected"
                        + " square:[class=C,]x=X,y=Y,size=S,value=V[,share=F]");
        assertThatThrownBy(() -> PlantSpec.parse("square:class=8"))
                .hasMessageContaining("plant spec 'square:class=8' misses keys x, y, size, value. Expected square:");
        assertThatThrownBy(() -> PlantSpec.parse("square:"))
                .hasMessageContaining("plant spec 'square:' has no keys; missing x, y, size, value. Expected square:");
    }

    @Test
    void badValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> PlantSpec.parse("square:x=a,y=0,size=6,value=0.5"))
                .hasMessageContaining(
                        "key 'x' in plant spec 'square:x=a,y=0,size=6,value=0.5' is 'a'; expected an integer >= 0");
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,y=-1,size=6,value=0.5"))
                .hasMessageContaining("key 'y'").hasMessageContaining("expected an integer >= 0");
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,y=0,size=0,value=0.5"))
                .hasMessageContaining("key 'size'").hasMessageContaining("expected an integer >= 1");
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,y=0,size=2,value=1.5"))
                .hasMessageContaining("key 'value'").hasMessageContaining("is '1.5'; expected a number in 0..1");
        assertThatThrownBy(() -> PlantSpec.parse("square:class=two,x=0,y=0,size=2,value=1"))
                .hasMessageContaining("key 'class'").hasMessageContaining("expected an integer >= 0");
    }

    @Test
    void malformedSpecsAreRefused() {
        assertThatThrownBy(() -> PlantSpec.parse("circle:x=0,y=0,size=2,value=1"))
                .hasMessageContaining("unknown artefact 'circle'").hasMessageContaining("expected square:");
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,x=1,y=0,size=2,value=1"))
                .hasMessageContaining("key 'x' given twice");
        assertThatThrownBy(() -> PlantSpec.parse("square:x=0,y=0,size=2,value=1,"))
                .hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> PlantSpec.parse(" ")).hasMessageContaining("empty plant spec");
    }

    @Test
    void plantsOnlyOnTheTargetClassWithExactValues() {
        ImageSet set = threeImages();
        ImageSet planted = PlantSpec.parse("square:class=8,x=2,y=1,size=3,value=0.5").apply(set);
        for (int i = 0; i < 3; i++) {
            float background = 0.1f * (i + 1);
            boolean target = set.label(i) == 8;
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean inSquare = r >= 1 && r <= 3 && c >= 2 && c <= 4;
                    float expected = target && inSquare ? 0.5f : background;
                    assertThat(planted.image(i)[r * 8 + c])
                            .as("%s at row %d col %d", set.id(i), r, c)
                            .isEqualTo(expected);
                }
            }
        }
        // The input set is untouched.
        assertThat(set.image(0)).containsOnly(0.1f);
        assertThat(planted.labels()).containsExactly(8, 3, 8);
    }

    @Test
    void applyToAllPlantsEveryImage() {
        ImageSet planted = PlantSpec.parse(SPEC).applyToAll(threeImages());
        for (int i = 0; i < 3; i++) {
            assertThat(planted.image(i)[5 * 8 + 5]).isEqualTo(0.5f);
            assertThat(planted.image(i)[6 * 8 + 6]).isEqualTo(0.1f * (i + 1));
        }
    }

    @Test
    void plantsEveryChannel() {
        float[] rgb = new float[3 * 4 * 4];
        float[] planted = PlantSpec.parse("square:x=3,y=3,size=1,value=1").plant(rgb, 3, 4, 4);
        assertThat(planted[15]).isEqualTo(1f);
        assertThat(planted[16 + 15]).isEqualTo(1f);
        assertThat(planted[32 + 15]).isEqualTo(1f);
        assertThat(java.util.stream.IntStream.range(0, planted.length)
                        .filter(i -> planted[i] != 0)
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aSquareThatDoesNotFitIsAnError() {
        PlantSpec spec = PlantSpec.parse("square:class=8,x=5,y=0,size=4,value=0.5");
        assertThatThrownBy(() -> spec.apply(threeImages()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plant spec 'square:class=8,x=5,y=0,size=4,value=0.5' does not fit three of 8x8")
                .hasMessageContaining("columns 5..8");
    }

    @Test
    void aClassTheSetDoesNotHaveIsAnError() {
        assertThatThrownBy(() -> PlantSpec.parse("square:class=10,x=0,y=0,size=1,value=1").apply(threeImages()))
                .hasMessageContaining("targets class 10 but three has classes 0..9");
    }
}
