package io.cdeepex.audit.engine;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * A project's suites run when a build tool selects its test classes (Surefire sends nothing else), from the folder
 * in the working directory and from the test class path; never when the request names suites of its own.
 */
class ProjectSuitesTest {
    /** Any test class: what Surefire selects, one class selector per class. */
    static class SomeTestClass {
    }

    private static final Path TINY = Path.of("src/test/resources/suites/tiny");

    @Test
    void aBuildToolsClassSelectorsRunTheSuitesOfTheProjectFolder() {
        List<Path> files = suiteFilesDiscovered(TINY.toString(), selectClass(SomeTestClass.class));

        assertThat(files).containsExactly(TINY.resolve("tiny-audit.yaml").toAbsolutePath(),
                TINY.resolve("tiny-gate.yaml").toAbsolutePath());
    }

    @Test
    void suitesOnTheTestClassPathAreFoundThere() {
        // "suites/tiny" is no folder of the working directory, but src/test/resources/suites/tiny is on the class path.
        List<Path> files = suiteFilesDiscovered("suites/tiny", selectClass(SomeTestClass.class));

        Path testClasses = Path.of("target", "test-classes", "suites", "tiny").toAbsolutePath();
        assertThat(files).containsExactly(testClasses.resolve("tiny-audit.yaml"),
                testClasses.resolve("tiny-gate.yaml"));
    }

    @Test
    void anIdesClassPathRootsRunThemToo() {
        List<Path> files = suiteFilesDiscovered(TINY.toString(),
                selectClasspathRoots(Set.of(Path.of("target", "test-classes"))).toArray(new DiscoverySelector[0]));

        assertThat(files).hasSize(2);
    }

    @Test
    void noneRunsNoProjectSuites() {
        assertThat(suiteFilesDiscovered("none", selectClass(SomeTestClass.class))).isEmpty();
    }

    @Test
    void aMarkerClassOrASuiteFileInTheRequestIsAllThatRuns() {
        Path questions = Path.of("src/test/resources/suites/questions/tiny-questions.yaml");
        assertThat(suiteFilesDiscovered(TINY.toString(), selectClass(SomeTestClass.class),
                selectFile(questions.toFile()))).containsExactly(questions.toAbsolutePath());
        // the marker's folder (its excluded gate a skipped node), not the project folder named by the parameter
        assertThat(suiteFilesDiscovered("src/test/resources/suites/questions", selectClass(SomeTestClass.class),
                selectClass(AuditEngineTest.TinySuites.class))).containsExactly(
                TINY.resolve("tiny-audit.yaml").toAbsolutePath(), TINY.resolve("tiny-gate.yaml").toAbsolutePath());
    }

    @Test
    void eachProjectSuiteIsReportedUnderAClassNamedAfterItsFolderAndFile() {
        // Surefire starts a report only at a container whose source is a class: without one, a case is not counted.
        List<TestIdentifier> plan = plan(TINY.toString(), selectClass(SomeTestClass.class));

        assertThat(plan).filteredOn(id -> id.getSource().orElse(null) instanceof ClassSource)
                .extracting(id -> ((ClassSource) id.getSource().orElseThrow()).getClassName())
                .containsExactly("tiny.tiny-audit", "tiny.tiny-gate");
    }

    @Test
    void aCaseOfAProjectSuiteIsFoundAgainByItsUniqueId() {
        TestIdentifier explained = plan(TINY.toString(), selectClass(SomeTestClass.class)).stream()
                .filter(id -> id.getDisplayName().equals("why not 8 is explained")).findFirst().orElseThrow();

        List<TestIdentifier> again = plan("none", selectUniqueId(explained.getUniqueIdObject()));

        assertThat(again).filteredOn(TestIdentifier::isTest).extracting(TestIdentifier::getUniqueId)
                .containsExactly(explained.getUniqueId());
    }

    /** The distinct suite files whose cases the audit engine plans, in plan order. */
    private static List<Path> suiteFilesDiscovered(String locations, DiscoverySelector... selectors) {
        List<Path> files = new ArrayList<>();
        for (TestIdentifier id : plan(locations, selectors)) {
            if (id.isTest()) {
                id.getSource().filter(FileSource.class::isInstance).map(s -> ((FileSource) s).getFile().toPath())
                        .filter(p -> !files.contains(p)).ifPresent(files::add);
            }
        }
        return files;
    }

    /** Every node the audit engine plans, depth first. */
    private static List<TestIdentifier> plan(String locations, DiscoverySelector... selectors) {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors).filters(includeEngines(AuditTestEngine.ENGINE_ID))
                .configurationParameter(ProjectSuites.PARAMETER, locations).build());
        List<TestIdentifier> nodes = new ArrayList<>();
        List<TestIdentifier> pending = new ArrayList<>(plan.getRoots());
        while (!pending.isEmpty()) {
            TestIdentifier id = pending.remove(0);
            nodes.add(id);
            pending.addAll(0, plan.getChildren(id));
        }
        return nodes;
    }
}
