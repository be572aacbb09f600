package io.cdeepex.report;

import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Method;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Parameter;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs inside the Allure JUnit Platform listener (on the test classpath through allure-junit5), so each
 * test has a live Allure test case; attachments land in {@code allure.results.directory}.
 */
class AllureAttachmentsTest {

    private static Path resultsDirectory() {
        return Path.of(System.getProperty("allure.results.directory", "allure-results"));
    }

    /** The attachments Allure has recorded for the running test so far. */
    private static List<Attachment> attachments() {
        List<Attachment> out = new ArrayList<>();
        Allure.getLifecycle().updateTestCase(result -> out.addAll(result.getAttachments()));
        return out;
    }

    private static List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        Allure.getLifecycle().updateTestCase(result -> out.addAll(result.getParameters()));
        return out;
    }

    @Test
    void attachesTheSixPartsOfAnExplanationAsFilesInTheResultsDirectory() throws Exception {
        assertThat(AllureAttachments.active()).as("an Allure test case is running").isTrue();
        int before = attachments().size();

        assertThat(AllureAttachments.attach(SyntheticExplanations.digit("mnist#21"))).isTrue();

        List<Attachment> added = attachments().subList(before, attachments().size());
        assertThat(added).hasSize(6);
        assertThat(added).extracting(Attachment::getName).allSatisfy(name ->
                assertThat(name).startsWith("mnist#21 [cdeepex] 4->9: "));
        assertThat(added)
                .extracting(Attachment::getName)
                .anySatisfy(n -> assertThat(n).contains("overlay"))
                .anySatisfy(n -> assertThat(n).contains("input"))
                .anySatisfy(n -> assertThat(n).contains("reconstruction"))
                .anySatisfy(n -> assertThat(n).contains("probe side"))
                .anySatisfy(n -> assertThat(n).contains("trace"));
        assertThat(added).filteredOn(a -> a.getType().equals("image/png")).hasSize(5);
        assertThat(added).filteredOn(a -> a.getType().equals("application/json")).hasSize(1);
        for (Attachment a : added) {
            Path file = resultsDirectory().resolve(a.getSource());
            assertThat(a.getSource()).contains("-attachment");
            assertThat(file).as(a.getName()).isRegularFile().isNotEmptyFile();
            if (a.getType().equals("image/png")) {
                assertThat(ImageIO.read(file.toFile())).as(a.getName()).isNotNull();
            } else {
                assertThat(Files.readString(file)).contains("\"imageId\" : \"mnist#21\"");
            }
        }
    }

    @Test
    void attachesSummaryComparisonAndText() {
        int before = attachments().size();
        List<Explanation> cdeepex = List.of(SyntheticExplanations.digit("a"), SyntheticExplanations.digit("b"));
        Explanation d = cdeepex.get(0);
        Map<String, List<Explanation>> byMethod = new LinkedHashMap<>();
        byMethod.put("cdeepex", cdeepex);
        byMethod.put(
                "xgems", List.of(SyntheticExplanations.of("a", Method.XGEMS, 1, 28, 28, d.input(), d.difference())));

        assertThat(AllureAttachments.attachSummary("biased 8s: 2 explanations", cdeepex)).isTrue();
        assertThat(AllureAttachments.attachComparison("cdeepex vs xgems", byMethod)).isTrue();
        assertThat(AllureAttachments.attachText("note", "plain words")).isTrue();
        assertThat(AllureAttachments.attachPanel(d, ClassLabels.indices())).isTrue();

        List<Attachment> added = attachments().subList(before, attachments().size());
        assertThat(added).extracting(Attachment::getName).containsExactly("biased 8s: 2 explanations",
                "biased 8s: 2 explanations: explanations.json", "cdeepex vs xgems", "note", "a [cdeepex] 4->9: panel");
        assertThat(added).extracting(Attachment::getType)
                .containsExactly("image/png", "application/json", "image/png", "text/plain", "image/png");
        assertThat(added).allSatisfy(a -> assertThat(resultsDirectory().resolve(a.getSource())).isRegularFile());
    }

    @Test
    void recordsNumbersAsParametersExcludedFromHistory() {
        assertThat(AllureAttachments.recordParameters(SyntheticExplanations.digit("p#1"), ClassLabels.indices()))
                .isTrue();
        List<Parameter> params = parameters();
        assertThat(params).filteredOn(p -> p.getName().startsWith("p#1 [cdeepex] 4->9 ")).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(p -> assertThat(p.getExcluded()).isTrue());
        assertThat(params).filteredOn(p -> p.getName().endsWith("p(true) before->after"))
                .extracting(Parameter::getValue).containsExactly("0.900 -> 0.450");
    }

    @Test
    void parallelThreadsAttachToTheTestThatStartedThem() throws Exception {
        int before = attachments().size();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Boolean> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            String id = "par#" + k;
            Thread t = new Thread(() -> {
                try {
                    results.add(AllureAttachments.attach(SyntheticExplanations.digit(id)));
                } catch (Throwable ex) {
                    failures.add(ex);
                }
            });
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();

        assertThat(failures).isEmpty();
        assertThat(results).containsExactly(true, true, true, true);
        List<Attachment> added = attachments().subList(before, attachments().size());
        assertThat(added).hasSize(4 * 6);
        assertThat(added).extracting(Attachment::getSource).doesNotHaveDuplicates();
        for (int k = 0; k < 4; k++) {
            String prefix = "par#" + k + " ";
            assertThat(added).filteredOn(a -> a.getName().startsWith(prefix)).hasSize(6);
        }
        assertThat(added).allSatisfy(a -> assertThat(resultsDirectory().resolve(a.getSource())).isRegularFile());
    }

    @Test
    void outsideATestNothingIsAttachedAndNothingThrows() throws Exception {
        int before = attachments().size();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Boolean> results = new CopyOnWriteArrayList<>();
        // A thread that does not inherit thread locals has no Allure context, like code run outside a test.
        Thread outside = new Thread(
                null,
                () -> {
                    try {
                        results.add(AllureAttachments.active());
                        results.add(AllureAttachments.attach(SyntheticExplanations.digit("outside")));
                        results.add(
                                AllureAttachments.attachSummary("outside", List.of(SyntheticExplanations.digit("o"))));
                        results.add(AllureAttachments.attachText("outside", "text"));
                        results.add(AllureAttachments.recordParameters(
                                SyntheticExplanations.digit("o"), ClassLabels.indices()));
                        // Allure's own behaviour there: it logs "no test is running" and does not throw.
                        Allure.addAttachment(
                                "allure-outside-test-check",
                                "text/plain",
                                new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)),
                                "txt");
                    } catch (Throwable ex) {
                        failure.set(ex);
                    }
                },
                "no-allure-context",
                0,
                false);
        outside.start();
        outside.join();

        assertThat(failure.get()).isNull();
        assertThat(results).containsExactly(false, false, false, false, false);
        assertThat(attachments()).as("nothing leaked into the running test").hasSize(before);
    }
}
