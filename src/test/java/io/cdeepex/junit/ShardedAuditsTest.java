package io.cdeepex.junit;

import io.cdeepex.shard.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** -Dcdeepex.shard=I/N on @ModelAudit classes: each test method in one shard; other test classes untouched. */
class ShardedAuditsTest {
    private static final Set<String> METHODS = Set.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "perDigit");

    @ModelAudit
    @EnabledWhenLaunched
    static class NineAudits {
        @Test void a1() {}
        @Test void a2() {}
        @Test void a3() {}
        @Test void a4() {}
        @Test void a5() {}
        @Test void a6() {}
        @Test void a7() {}
        @Test void a8() {}

        @ParameterizedTest
        @ValueSource(ints = {3, 5, 8})
        void perDigit(int digit) {}
    }

    @EnabledWhenLaunched
    static class PlainTests {
        @Test void p1() {}
        @Test void p2() {}
    }

    @Test
    void fourShardsRunEveryAuditMethodOnceAndKeepAParameterizedMethodsInvocationsTogether() {
        Map<String, Integer> shardOf = new HashMap<>();
        long tests = 0;
        for (int i = 1; i <= 4; i++) {
            LaunchedRun run = LaunchedRun.withDiscoveryFilters(NineAudits.class, Map.of(Shard.PROPERTY, i + "/4"));
            assertThat(run.failures()).isEmpty();
            Set<String> ran = methods(run);
            for (String m : ran) {
                assertThat(shardOf.put(m, i)).as("%s ran in shard %s before", m, shardOf.get(m)).isNull();
            }
            long expected = ran.stream().mapToLong(m -> m.equals("perDigit") ? 3 : 1).sum();
            assertThat(run.summary.getTestsSucceededCount()).as("shard %d/4", i).isEqualTo(expected);
            tests += run.summary.getTestsSucceededCount();
        }
        assertThat(shardOf.keySet()).isEqualTo(METHODS);
        assertThat(tests).isEqualTo(11);
        // where each method went: the hash of "class#method(parameter types)", nothing else
        shardOf.forEach((m, shard) -> assertThat(shard).as(m).isEqualTo(Shard.of(NineAudits.class.getName() + "#" + m
                + (m.equals("perDigit") ? "(int)" : "()"), 4)));
    }

    @Test
    void testClassesWithoutModelAuditRunInEveryShard() {
        for (int i = 1; i <= 3; i++) {
            LaunchedRun run = LaunchedRun.withDiscoveryFilters(PlainTests.class, Map.of(Shard.PROPERTY, i + "/3"));
            assertThat(methods(run)).containsExactlyInAnyOrder("p1", "p2");
        }
    }

    @Test
    void withoutAShardEveryMethodRuns() {
        LaunchedRun run = LaunchedRun.withDiscoveryFilters(NineAudits.class, Map.of());
        assertThat(methods(run)).isEqualTo(METHODS);
        assertThat(run.summary.getTestsSucceededCount()).isEqualTo(11);
    }

    private static Set<String> methods(LaunchedRun run) {
        return run.results.keySet().stream().filter(k -> !Character.isUpperCase(k.charAt(0)))
                .collect(Collectors.toSet());
    }
}
