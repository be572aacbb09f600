package io.cdeepex.junit;

import io.cdeepex.model.Classifier;
import io.cdeepex.model.ModelCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/** A run with a {@code @ModelAudit} test and a YAML suite over the same model loads that model once. */
class SharedModelCacheTest {
    @ModelAudit
    @EnabledWhenLaunched
    static class UsesTinyCnn {
        @Test
        void classifies(@AuditClassifier("tiny-cnn") Classifier classifier) {
            assertThat(classifier.numClasses()).isEqualTo(10);
        }
    }

    @Test
    void aJavaAuditAndAYamlSuiteOfOneRunShareTheLoadedModel(@TempDir Path dir) throws IOException {
        Path suite = dir.resolve("same-model.yaml");
        Files.writeString(suite, """
                classifier: %s
                device: cpu
                samples:
                  ones: {dataset: mnist-samples, include: [1], count: 4}
                cases:
                  - {name: most ones are ones, expect: [{metric: accuracy, atLeast: 0.5}]}
                """.formatted(LaunchedRun.TEST_MODELS.resolve("tiny-cnn")));
        int before = ModelCache.openCount();
        AtomicInteger openAtTheEnd = new AtomicInteger(-1);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();

        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(UsesTinyCnn.class), selectFile(suite.toFile()))
                        .configurationParameters(Map.of(LaunchedRun.MARKER, "true",
                                "cdeepex.models", LaunchedRun.TEST_MODELS.toString(), "cdeepex.device", "cpu"))
                        .build(), summary, new TestExecutionListener() {
                            @Override
                            public void testPlanExecutionFinished(TestPlan plan) {
                                openAtTheEnd.set(ModelCache.openCount() - before);
                            }
                        });

        assertThat(summary.getSummary().getTestsSucceededCount()).as("the Java test and the YAML case").isEqualTo(2);
        assertThat(summary.getSummary().getTestsFailedCount()).isZero();
        assertThat(summary.getSummary().getTestsFoundCount()).isEqualTo(2);
        assertThat(openAtTheEnd.get()).as("models open when both engines are done: tiny-cnn once").isEqualTo(1);
        assertThat(ModelCache.openCount()).as("closed when the run ends").isEqualTo(before);
    }
}
