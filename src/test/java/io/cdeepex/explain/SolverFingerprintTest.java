package io.cdeepex.explain;

import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.data.SampleFilter;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins the solver's answers on the tiny models (and one artefact-path solve on the bias fixtures) to the numbers
 * recorded before the solver was split into question resolution, start planning, search and assembly: the same
 * settings must give the same answers, every word equal and every number within {@link #RELATIVE} of the pinned one.
 * Not to the last bit: oneDNN picks its float32 kernels by CPU, and the same build rounds differently on an Intel
 * Xeon and an AMD EPYC (relative differences up to 9e-5 between the two). Rewrite the file only for an intended
 * change of the answers, with {@code -Dcdeepex.fingerprint.write=true}, and say why in the commit.
 */
class SolverFingerprintTest {
    private static final Path PINNED = Path.of("src/test/resources/fingerprints/solver.txt");
    /** How far a number may lie from the pinned one, relative to the larger of the two (or to 1e-6 near zero). */
    static final double RELATIVE = 1e-3;
    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+\\.?\\d*(?:E-?\\d+)?|NaN|Infinity)");

    @Test
    void theSolverGivesThePinnedAnswers() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("defaults: " + defaults());
        // pinned before the second round existed: it stays off here and has its own line below
        SolverSettings fast = SolverSettings.defaults().withIterations(6, 5).withInversion(30, 2).toBuilder()
                .retryStarts(0).build();
        Path tiny = Path.of("src/test/resources/models");
        try (Classifier c = ModelLoader.loadClassifier(tiny.resolve("tiny-cnn"), Device.cpu());
             Generator g = ModelLoader.loadGenerator(tiny.resolve("tiny-gen"), Device.cpu())) {
            ImageSet digits = new SampleFilter(List.of(), List.of(), 4, 3).select(Datasets.load("mnist-samples"));
            List<Question> qs = List.of(Question.of(digits, 0), Question.of(digits, 1, Question.PREDICTED, 3));
            solve(lines, "cdeepex", c, g, fast, qs);
            solve(lines, "xgems", c, g, fast.withMethod(Method.XGEMS), qs);
            solve(lines, "noise starts", c, g, fast.withSearchStarts(3, 0.3), qs);
            solve(lines, "line starts", c, g, fast.toBuilder().searchStarts(3).lineSearchDirections(6)
                    .lineSearchReach(10).build(), qs);
            // the first answer only: on the second question every row ends infeasible with violations so close
            // that which row wins depends on the CPU's rounding (both questions stay in the batch: they draw their
            // walks' directions from one random stream)
            lines.remove(lines.size() - 1);
            solve(lines, "lime", c, g, fast.withMethod(Method.LIME).toBuilder().limeSamples(60).build(), qs);
            solve(lines, "ig", c, g, fast.withMethod(Method.IG).toBuilder().igSteps(8).build(), qs);
            solve(lines, "pda", c, g, fast.withMethod(Method.PDA).toBuilder().pdaStride(8).pdaSamples(3)
                    .pdaReferenceImages(16).build(), qs);
            // every row of the first round ends at the cap, so the question is searched again
            solve(lines, "retry", c, g, fast.toBuilder().retryStarts(3).build(), qs.subList(0, 1));
        }
        Path models = Path.of("models");
        try (Classifier biased = ModelLoader.loadClassifier(models.resolve("mnist-biased8"), Device.cpu());
             Generator anywhere = ModelLoader.loadGenerator(models.resolve("mnist-vae-square-anywhere"),
                     Device.cpu())) {
            ImageSet two = Datasets.load("mnist-samples").subset(new int[] {0, 1});
            SolverSettings path = SolverSettings.defaults().withIterations(2, 3).toBuilder().searchStarts(2)
                    .inversionSteps(30).inversionStarts(1).artefactPathStarts(true).retryStarts(0).build();
            // the caller reads the artefact from the classifier's card, as the audit faces do
            Explainer withArtefact = explainer(biased, anywhere, path)
                    .withArtefact(PlantSpec.parse(biased.card().plant));
            solve(lines, "artefact path", withArtefact, List.of(Question.of(two, 0, Question.PREDICTED, 8),
                    Question.of(two, 1, Question.PREDICTED, 8)));
        }
        String got = String.join("\n", lines) + "\n";
        if (Boolean.getBoolean("cdeepex.fingerprint.write")) {
            Files.createDirectories(PINNED.getParent());
            Files.writeString(PINNED, got);
        }
        List<String> pinned = Files.readAllLines(PINNED);
        assertThat(lines).as("fingerprint lines").hasSameSizeAs(pinned);
        for (int i = 0; i < lines.size(); i++) assertSameAnswer(lines.get(i), pinned.get(i));
    }

    @Test
    void theComparisonToleratesRoundingAndNothingMore() {
        String pinned = "q#1 cdeepex 8->4 satisfied=false |dz|=0.4243959 after=[1.667847E-6, 0.933035] mse=NaN";
        assertSameAnswer("q#1 cdeepex 8->4 satisfied=false |dz|=0.4243962 after=[1.667850E-6, 0.933035] mse=NaN",
                pinned);
        assertThatThrownBy(() -> assertSameAnswer(
                "q#1 cdeepex 8->4 satisfied=false |dz|=0.4283959 after=[1.667847E-6, 0.933035] mse=NaN", pinned))
                .as("a distance 1% off").isInstanceOf(AssertionError.class).hasMessageContaining("number 4");
        assertThatThrownBy(() -> assertSameAnswer(
                "q#1 cdeepex 8->4 satisfied=true |dz|=0.4243959 after=[1.667847E-6, 0.933035] mse=NaN", pinned))
                .as("another word").isInstanceOf(AssertionError.class).hasMessageContaining("the words of");
        assertThatThrownBy(() -> assertSameAnswer(
                "q#1 cdeepex 8->4 satisfied=false |dz|=0.4243959 after=[1.667847E-6, 0.933035] mse=0.1", pinned))
                .as("a number where NaN was").isInstanceOf(AssertionError.class);
    }

    /** The words of the two lines equal, their numbers within {@link #RELATIVE}. */
    static void assertSameAnswer(String got, String pinned) {
        assertThat(NUMBER.matcher(got).replaceAll("#")).as("the words of: " + pinned)
                .isEqualTo(NUMBER.matcher(pinned).replaceAll("#"));
        List<Double> a = numbers(got);
        List<Double> b = numbers(pinned);
        for (int j = 0; j < a.size(); j++) {
            double x = a.get(j);
            double y = b.get(j);
            boolean same = Double.compare(x, y) == 0
                    || Math.abs(x - y) <= RELATIVE * Math.max(1e-6, Math.max(Math.abs(x), Math.abs(y)));
            assertThat(same).as("number %d of: %s%n  got: %s", j + 1, pinned, got).isTrue();
        }
    }

    private static List<Double> numbers(String line) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(line);
        while (m.find()) out.add(Double.parseDouble(m.group()));
        return out;
    }

    private static void solve(List<String> lines, String name, Classifier c, Generator g, SolverSettings s,
                              List<Question> qs) {
        solve(lines, name, explainer(c, g, s), qs);
    }

    private static void solve(List<String> lines, String name, Explainer explainer, List<Question> qs) {
        for (Explanation e : explainer.explain(qs)) lines.add(name + ": " + fingerprint(e));
    }

    static Explainer explainer(Classifier c, Generator g, SolverSettings s) {
        return new Explainer(c, g, s, Device.cpu());
    }

    /** Every setting's name and default value, by name. */
    private static String defaults() {
        return SolverSetting.all().stream().sorted(java.util.Comparator.comparing(SolverSetting::name))
                .map(s -> s.name() + "=" + s.read(SolverSettings.defaults()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String fingerprint(Explanation e) {
        double differenceSum = 0;
        for (float v : e.difference()) differenceSum += v;
        Map<String, Double> diagnostics = new TreeMap<>(e.diagnostics());
        return e.imageId() + " " + e.method().id() + " " + e.trueClass() + "->" + e.probeClass()
                + " satisfied=" + e.satisfied() + " stop=" + e.stop() + " |dz|=" + e.latentDistance()
                + " mse=" + e.inversionError() + " iterations=" + e.iterations() + " passes=" + e.modelEvaluations()
                + " mapsKept=" + e.mapsKept() + " difference=" + differenceSum
                + " after=" + java.util.Arrays.toString(e.after()) + " trace=" + e.trace().length()
                + " constraints=" + e.constraints().size() + " diagnostics=" + diagnostics;
    }
}
