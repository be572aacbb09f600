package io.cdeepex.explain.scan;

/** Hears a scan's progress: the CLI prints it and writes the partial result after each probe class. */
public interface ScanListener {
    /** After each batch: {@code done} of {@code total} questions of probe {@code probe} (the n-th of probes). */
    default void batchDone(int probe, int probeIndex, int probes, int done, int total, long elapsedMillis) {}

    /** After each probe class, with everything finished so far ({@code complete} false until the last). */
    default void probeDone(ScanResult soFar) {}

    ScanListener NONE = new ScanListener() {};
}
