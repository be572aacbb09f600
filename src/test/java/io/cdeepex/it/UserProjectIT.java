package io.cdeepex.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door: a throwaway copy of the model repository in {@code src/it/user-project} (one test-scoped
 * dependency on the installed cdeepex-audit, a {@code @ModelAudit} test, a suite in {@code audits/} and one in
 * {@code src/test/resources/audits}) runs {@code mvn test} in a Maven of its own, with none of this project's Surefire
 * settings and no oneDNN variable. Run by {@code mvn -Pit verify}, which installs the artifact first.
 */
class UserProjectIT {
    private static final Path TEMPLATE = Path.of("src", "it", "user-project");
    private static final Path PROJECT = Path.of("target", "it", "user-project");
    private static final List<String> MODELS = List.of("tiny-cnn", "tiny-gen");
    private static final long BUILD_MINUTES = 15;

    private static int exitCode;
    private static String log;
    private static List<TestCase> cases;

    record TestCase(String className, String name, String outcome) {}

    @BeforeAll
    static void buildTheUserProject() throws Exception {
        deleteTree(PROJECT);
        copyTree(TEMPLATE, PROJECT);
        for (String model : MODELS) {
            copyTree(Path.of("src", "test", "resources", "models", model), PROJECT.resolve("models").resolve(model));
        }
        Path pom = PROJECT.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@cdeepex.version@", property("cdeepex.it.version")));

        // Offline: everything the user project needs is in the local repository once this project's build ran.
        List<String> command = List.of(Path.of(property("cdeepex.it.mavenHome"), "bin", "mvn").toString(), "-B", "-o",
                "-Dmaven.repo.local=" + property("cdeepex.it.localRepository"), "test");
        Path logFile = PROJECT.resolve("build.log");
        ProcessBuilder build = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        // What a user's shell has: none of the variables this project's Surefire configuration sets.
        build.environment().keySet().removeAll(List.of("ONEDNN_MAX_CPU_ISA", "DJL_OFFLINE", "CDEEPEX_TEST_JAVA"));
        System.out.println("user project: " + String.join(" ", command) + " in " + PROJECT + " (log " + logFile + ")");
        Process process = build.start();
        if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the user project's mvn test ran over " + BUILD_MINUTES + " minutes; log "
                    + logFile.toAbsolutePath());
        }
        exitCode = process.exitValue();
        log = Files.readString(logFile, StandardCharsets.UTF_8);
        cases = surefireReports(PROJECT.resolve("target").resolve("surefire-reports"));
    }

    @Test
    void mvnTestPassesInTheUserProject() {
        assertThat(exitCode).as("exit code of mvn test in %s; its log ends:%n%s", PROJECT, tail(log)).isZero();
        assertThat(log).contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0");
    }

    @Test
    void theJavaAuditRanAndPassed() {
        String java = "com.example.audits.DigitClassifierAuditTest";
        assertThat(cases)
                .filteredOn(c -> c.className().startsWith("com.example."))
                .containsExactlyInAnyOrder(
                        new TestCase(java, "recognisesTheSampleDigits(ImageSet, AuditModels)", "passed"),
                        new TestCase(java, "answersWhyNotEight(Explainer, ImageSet)", "passed"));
    }

    @Test
    void theSuitesOfTheProjectFolderAndOfTheTestClassPathRanAndPassed() {
        // Reported as a build tool reports a test class: one report per suite, named <folder>.<file>.
        assertThat(cases).filteredOn(c -> !c.className().startsWith("com.example."))
                .containsExactlyInAnyOrder(new TestCase("audits.classifier", "accuracy on the sample digits", "passed"),
                        new TestCase("audits.ones", "ones are recognised", "passed"));
    }

    @Test
    void theDependencyIsTheLibraryJarWithTheSampleSetsNotTheCommandLineJar() throws IOException {
        String version = property("cdeepex.it.version");
        Path jar = Path.of(property("cdeepex.it.localRepository"), "io", "cdeepex", "cdeepex-audit", version,
                "cdeepex-audit-" + version + ".jar");
        assertThat(Files.size(jar)).as("size of %s", jar).isLessThan(5L << 20);
        try (JarFile library = new JarFile(jar.toFile())) {
            assertThat(library.getEntry("io/cdeepex/data/samples/mnist-samples-images-idx3-ubyte.gz")).isNotNull();
            assertThat(library.getEntry("ai/djl/engine/Engine.class")).as("a dependency bundled into the jar").isNull();
        }
    }

    private static List<TestCase> surefireReports(Path dir) throws Exception {
        List<TestCase> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) return found;
        List<Path> reports;
        try (Stream<Path> files = Files.list(dir)) {
            reports = files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        for (Path report : reports) {
            NodeList testCases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                    .getElementsByTagName("testcase");
            for (int i = 0; i < testCases.getLength(); i++) {
                Element c = (Element) testCases.item(i);
                String outcome = c.getElementsByTagName("failure").getLength() > 0 ? "failed"
                        : c.getElementsByTagName("error").getLength() > 0 ? "error"
                        : c.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "passed";
                found.add(new TestCase(c.getAttribute("classname"), c.getAttribute("name"), outcome));
            }
        }
        return found;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run this test with"
                    + " `mvn -Pit verify`, whose Failsafe configuration sets it");
        }
        return value;
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
