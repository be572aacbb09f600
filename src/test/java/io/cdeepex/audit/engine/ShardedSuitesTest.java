package io.cdeepex.audit.engine;

import io.cdeepex.audit.AuditSuiteDirectory;
import io.cdeepex.shard.Shard;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestIdentifier;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/** -Dcdeepex.shard=I/N over the test suites: every case in exactly one shard, always the same one. */
class ShardedSuitesTest {
    private static final Path SUITES = Path.of("src/test/resources/suites");
    /** Plain, gate, question and broken suites: cases that pass, fail, cannot be read or are invalid on their own. */
    private static final DiscoverySelector[] ALL = Stream.of("tiny", "questions", "bad")
            .map(d -> selectDirectory(SUITES.resolve(d).toFile())).toArray(DiscoverySelector[]::new);

    @AuditSuiteDirectory("src/test/resources/suites/tiny")
    static class TinySuites {
    }

    @Test
    void fourShardsRunEveryCaseExactlyOnce() {
        List<String> everyCase = EngineRun.plan(Map.of(), ALL).stream().map(ShardedSuitesTest::where).toList();
        assertThat(everyCase).hasSize(20).doesNotHaveDuplicates();

        Map<String, Integer> runs = new HashMap<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            EngineRun run = EngineRun.of(Map.of(Shard.PROPERTY, i + "/4"), List.of(), ALL);
            assertThat(run.failedContainers()).isEmpty();
            for (EngineRun.Outcome o : run.outcomes()) {
                assertThat(o.result()).as("%s ran to a result", where(o.id())).isNotNull();
                runs.merge(where(o.id()), 1, Integer::sum);
            }
            sizes.add(run.outcomes().size());
        }
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(everyCase);
        assertThat(runs).allSatisfy((where, times) -> assertThat(times).as(where).isEqualTo(1));
        assertThat(sizes).as("cases per shard").allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void aCaseKeepsItsShardWhicheverWayTheSuitesAreSelectedAndInWhateverOrder() {
        List<File> files = new ArrayList<>();
        for (String d : List.of("tiny", "questions", "bad")) {
            for (Path f : SuiteFiles.in(SUITES.resolve(d))) files.add(f.toFile());
        }
        Collections.reverse(files);
        DiscoverySelector[] fileByFile = files.stream().map(f -> selectFile(f)).toArray(DiscoverySelector[]::new);
        for (int i = 1; i <= 4; i++) {
            Map<String, String> shard = Map.of(Shard.PROPERTY, i + "/4");
            assertThat(names(EngineRun.plan(shard, fileByFile))).as("shard %d/4", i)
                    .containsExactlyInAnyOrderElementsOf(names(EngineRun.plan(shard, ALL)));
        }
        // Through a marker class (what Surefire runs) the tiny suites' cases fall into the same shards too.
        for (int i = 1; i <= 3; i++) {
            Map<String, String> shard = Map.of(Shard.PROPERTY, i + "/3");
            assertThat(names(EngineRun.plan(shard, selectClass(TinySuites.class))))
                    .containsExactlyInAnyOrderElementsOf(names(EngineRun.plan(shard,
                            selectDirectory(SUITES.resolve("tiny").toFile()))));
        }
    }

    @Test
    void oneShardOfOneIsTheWholeRun() {
        assertThat(names(EngineRun.plan(Map.of(Shard.PROPERTY, "1/1"), ALL)))
                .containsExactlyInAnyOrderElementsOf(names(EngineRun.plan(Map.of(), ALL)));
    }

    @Test
    void aBadShardValueStopsTheRunNamingThePropertyAndTheForm() {
        assertThatThrownBy(() -> EngineRun.plan(Map.of(Shard.PROPERTY, "3/2"), ALL))
                .hasStackTraceContaining("configuration parameter cdeepex.shard is '3/2'; expected I/N");
    }

    /** file name + display name: the same case whichever selector found it. */
    private static String where(TestIdentifier id) {
        String file = id.getSource().filter(FileSource.class::isInstance).map(s -> ((FileSource) s).getFile().getName())
                .orElse("?");
        return file + " : " + id.getDisplayName();
    }

    private static String where(EngineRun.Outcome o) {
        return where(o.id());
    }

    private static List<String> names(List<TestIdentifier> tests) {
        return tests.stream().map(ShardedSuitesTest::where).toList();
    }
}
