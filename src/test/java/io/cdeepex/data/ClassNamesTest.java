package io.cdeepex.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClassNamesTest {
    private static ImageSet set(List<String> names) {
        return new ImageSet("set", 1, 1, 1, new float[][] {{0f}}, new int[] {0}, new String[] {"set#0"}, names);
    }

    @Test
    void theSameNamesInTheSameOrderAndSetsWithoutNamesPass() {
        assertThat(ClassNames.mismatch(set(Datasets.DIGITS), "c", Datasets.DIGITS)).isNull();
        assertThat(ClassNames.mismatch(set(List.of()), "c", Datasets.DIGITS)).isNull();
        assertThat(ClassNames.mismatch(set(Datasets.FASHION).withoutClassNames(), "c", Datasets.DIGITS)).isNull();
    }

    @Test
    void otherNamesOrderOrCountAreNamedWithTheFirstDifference() {
        assertThat(ClassNames.mismatch(set(List.of("cat", "dog")), "pets", List.of("dog", "cat")))
                .isEqualTo("set's classes [cat, dog] are not pets's classNames [dog, cat] (label 0 is 'cat' in the"
                        + " dataset but 'dog' for the classifier): its labels would be scored as classes they are not");
        assertThat(ClassNames.mismatch(set(List.of("0", "1")), "c", List.of("0", "1", "2")))
                .contains("(the dataset has 2 classes, the classifier 3)");
    }

    @Test
    void longListsAreShortened() {
        List<String> many = IntStream.range(0, 100).mapToObj(i -> "c" + i).toList();
        assertThat(ClassNames.mismatch(set(many), "c", Datasets.DIGITS))
                .contains("[c0, c1,", "c19, … (100 in all)]").doesNotContain("c20");
    }
}
