package io.cdeepex.audit.engine;

import io.cdeepex.audit.suite.AuditSuite;
import io.cdeepex.audit.suite.Expectation;
import io.cdeepex.audit.suite.RunConfig;
import io.cdeepex.audit.suite.SuiteLoader;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.metrics.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/**
 * The shipped regression gate {@code audits/mnist-retrain-gate.yaml} (baseline mnist-classifier, candidate
 * mnist-biased8) must fail — the planted bias is caught — and the same gate with the clean classifier and its
 * generator on both sides must pass. Both run in one Launcher call, so the clean side is solved once.
 */
class RetrainGateTest {
    static final Path GATE = Path.of("audits/mnist-retrain-gate.yaml");
    static final String NUMBERS = "the retrained classifier is no worse on clean digits and no more biased";

    @Test
    void theGateMeasuresTheArtefactTheBiasedClassifierWasTrainedWith() {
        AuditSuite gate = SuiteLoader.fromSystem().load(GATE);
        Expectation planted = gate.cases().get(0).expectations().stream()
                .filter(x -> x.metric() == Metric.PLANTED_RATE).findFirst().orElseThrow();
        RunConfig candidate = gate.cases().get(0).runs().get(1);

        assertThat(candidate.classifier().name()).isEqualTo("mnist-biased8");
        assertThat(planted.plant()).isEqualTo(PlantSpec.parse(candidate.classifier().card().plant));
    }

    @Test
    void theGateCatchesTheBiasedClassifierAndPassesTheCleanOne(@TempDir Path dir) throws IOException {
        Path clean = dir.resolve("mnist-retrain-gate-clean.yaml");
        Files.writeString(clean, Files.readString(GATE)
                .replace("mnist-vae-biased8", "mnist-vae").replace("mnist-biased8", "mnist-classifier"));

        EngineRun run = EngineRun.of(selectFile(GATE.toFile()), selectFile(clean.toFile()));

        assertThat(run.outcomes()).hasSize(2);
        EngineRun.Outcome caught = run.test(GATE.getFileName().toString(), NUMBERS);
        assertThat(caught.failed()).as("the gate against mnist-biased8").isTrue();
        assertThat(caught.message())
                .containsPattern("FAILED Metric recall of class 8 regression check failed: candidate model"
                        + " mnist-biased8 recall = \\d\\.\\d{3}, baseline model mnist-classifier recall ="
                        + " \\d\\.\\d{3}, tolerance = 0\\.050"
                        + " \\(higher is better\\); the candidate is worse by \\d\\.\\d{3}, more than the tolerance\\.")
                .containsPattern("FAILED Metric plantedRate of square:class=8,[^ ]* regression check failed: candidate"
                        + " model mnist-biased8 plantedRate = \\d\\.\\d{3}, baseline model mnist-classifier"
                        + " plantedRate ="
                        + " \\d\\.\\d{3}, tolerance = 0\\.050 \\(lower is better\\)")
                .contains("mnist-retrain-gate.yaml: line ", "baseline: mnist-classifier on all-digits (500 images)",
                        "candidate: mnist-biased8 on all-digits (500 images)");
        for (String name : new String[] {NUMBERS}) {
            EngineRun.Outcome same = run.test(clean.getFileName().toString(), name);
            assertThat(same.passed()).as("clean on both sides: %s (%s)", name, same.message()).isTrue();
            assertThat(same.entries().get(0).getKeyValuePairs()).allSatisfy((key, value) -> {
                if (key.startsWith("baseline ")) {
                    assertThat(same.entries().get(0).getKeyValuePairs()).containsEntry("candidate " + key.substring(9),
                            value);
                }
            });
        }
    }
}
