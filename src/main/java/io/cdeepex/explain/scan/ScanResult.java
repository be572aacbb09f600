package io.cdeepex.explain.scan;

import java.util.Comparator;
import java.util.List;

/**
 * What a scan found so far. {@code complete} is false while probes are still running (or after an interrupted
 * run): then {@code aggregates} and {@code findings} cover the probes finished.
 *
 * @param classifier name of the classifier scanned
 * @param generator  name of the generator used
 * @param samples    name of the sample set
 * @param classNames the classifier's classes
 * @param settings   how it ran
 * @param probes     the probe classes planned
 * @param aggregates one per finished probe, in order
 * @param findings   all findings, best score first
 * @param complete   whether every planned probe finished
 * @param millis     wall time so far
 */
public record ScanResult(String classifier, String generator, String samples, List<String> classNames,
                         ScanSettings settings, List<Integer> probes, List<ProbeAggregate> aggregates,
                         List<Finding> findings, boolean complete, long millis) {
    /** Best score first; findings of equal score (e.g. none flips) by their evidence in the maps. */
    public static final Comparator<Finding> RANKING = Comparator.comparingDouble(Finding::score).reversed()
            .thenComparing(Comparator.comparingDouble(Finding::evidence).reversed());

    public ScanResult {
        classNames = List.copyOf(classNames);
        probes = List.copyOf(probes);
        aggregates = List.copyOf(aggregates);
        findings = findings.stream().sorted(RANKING).toList();
    }

    /** The best finding, or null when there is none. */
    public Finding top() { return findings.isEmpty() ? null : findings.get(0); }

    /** The finding's pattern as an artefact for the {@code artefactPathStarts} search start. */
    public FoundArtefact artefactOf(Finding f) {
        ProbeAggregate a = aggregates.stream().filter(x -> x.probeClass() == f.probeClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the scan has no aggregate for probe "
                        + f.probeClass()));
        return FoundArtefact.of(f, a);
    }

    /** Answers over all finished probes that met their constraints, and all answers: {satisfied, asked}. */
    public int[] satisfiedAnswers() {
        int satisfied = 0;
        int asked = 0;
        for (ProbeAggregate a : aggregates) {
            satisfied += a.satisfied();
            asked += a.images();
        }
        return new int[] {satisfied, asked};
    }

    /**
     * Whether fewer than half of the probe's answers met their constraints: its maps then average mostly searches
     * that ended without an answer to "why not k?", and its findings are weak evidence either way.
     */
    public static boolean fewSatisfied(ProbeAggregate a) {
        return 2 * a.satisfied() < a.images();
    }

    public List<Finding> findingsFor(int probe) {
        return findings.stream().filter(f -> f.probeClass() == probe).toList();
    }
}
