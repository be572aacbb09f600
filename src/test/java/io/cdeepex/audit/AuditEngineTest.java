package io.cdeepex.audit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

class AuditEngineTest {
    static final Path TINY = Path.of("src/test/resources/suites/tiny");

    @Test
    void tinySuiteRunsEveryCaseAsATest() {
        EngineRun run = EngineRun.of(selectFile(TINY.resolve("tiny-audit.yaml").toFile()));
        run.outcomes().forEach(o -> { System.out.println(o.id().getDisplayName() + " " + o.result() + " " + o.entries() + "\n" + o.message()); o.result().getThrowable().ifPresent(Throwable::printStackTrace); });
        assertThat(run.failedContainers()).isEmpty();
        assertThat(run.outcomes()).hasSize(3);
    }

    @Test
    void tinyGate() {
        EngineRun run = EngineRun.of(selectFile(TINY.resolve("tiny-gate.yaml").toFile()));
        run.outcomes().forEach(o -> { System.out.println(o.id().getDisplayName() + " " + o.result() + " " + o.entries() + "\n" + o.message()); o.result().getThrowable().ifPresent(Throwable::printStackTrace); });
        assertThat(run.outcomes()).hasSize(1);
    }
}
