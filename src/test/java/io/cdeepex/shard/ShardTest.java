package io.cdeepex.shard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {
    /**
     * Shards computed outside Java, with Python's hashlib (first 8 bytes of SHA-256 as an unsigned big-endian
     * number, mod N, plus 1): the assignment is a documented function of the key, not of this JVM.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tiny-audit.yaml#why not 8 is explained                | 2 | 2 | 2 | 1
            tiny-gate.yaml#accuracy on covered digits is no worse | 2 | 2 | 2 | 2
            io.example.BiasAuditTest#squareIsFound()              | 1 | 1 | 3 | 5
            mnist-bias.yaml#why not 8                             | 2 | 3 | 4 | 6
            """)
    void aKeyHashesToTheShardAnIndependentImplementationComputes(String key, int of2, int of3, int of4, int of7) {
        assertThat(new int[] {Shard.of(key, 2), Shard.of(key, 3), Shard.of(key, 4), Shard.of(key, 7)})
                .containsExactly(of2, of3, of4, of7);
        assertThat(new Shard(of4, 4).contains(key)).isTrue();
        assertThat(new Shard(of4 % 4 + 1, 4).contains(key)).isFalse();
    }

    @Test
    void manyKeysSpreadOverAllShards() {
        int[] counts = new int[4];
        for (int i = 0; i < 4000; i++) counts[Shard.of("suite-" + (i % 40) + ".yaml#case " + i, 4) - 1]++;
        // 1000 expected each; a binomial spread has a standard deviation of about 27
        for (int c : counts) assertThat(c).isBetween(850, 1150);
    }

    @ParameterizedTest
    @CsvSource({"2/4, 2, 4", "' 1 / 1 ', 1, 1", "4/4, 4, 4"})
    void parsesIOfN(String text, int index, int count) {
        assertThat(Shard.parse(text, "system property cdeepex.shard")).contains(new Shard(index, count));
    }

    @Test
    void blankMeansNoSharding() {
        assertThat(Shard.parse(null, "x")).isEmpty();
        assertThat(Shard.parse("  ", "x")).isEmpty();
        assertThat(Shard.from(key -> Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/2", "0/4", "abc", "2/0", "-1/4", "1/4/2", "2 of 4", "1.5/4", "99999999999/2"})
    void badValuesNameThePropertyAndTheExpectedForm(String text) {
        Map<String, String> configuration = Map.of(Shard.PROPERTY, text);
        assertThatThrownBy(() -> Shard.from(key -> Optional.ofNullable(configuration.get(key))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configuration parameter cdeepex.shard is '" + text.strip() + "'; expected I/N, this job's"
                        + " number I from 1 to N and the number of jobs N (e.g. 2/4 for the second of four jobs)");
    }
}
