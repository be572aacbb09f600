package io.cdeepex.shard;

/**
 * A test that says which key decides its shard. The YAML audit engine's tests are keyed by suite file (relative
 * to the suite directory) and case name, so a case keeps its shard when cases are added, moved or reordered.
 */
public interface ShardKeyed {
    String shardKey();
}
