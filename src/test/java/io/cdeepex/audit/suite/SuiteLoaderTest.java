package io.cdeepex.audit.suite;

import io.cdeepex.explain.AnswerSelection;
import io.cdeepex.explain.Method;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.ModelRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SuiteLoaderTest {
    static final Path MODELS = Path.of("src/test/resources/models").toAbsolutePath();
    static final String HEADER = """
            classifier: %s/tiny-cnn
            generator: %s/tiny-gen
            samples:
              digits: {dataset: mnist-samples, exclude: [8], count: 6, seed: 3}
            """.formatted(MODELS, MODELS);

    @TempDir
    Path dir;

    private final SuiteLoader loader = new SuiteLoader(new ModelRepository(MODELS));

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private AuditSuite load(String yaml) throws IOException {
        return loader.load(write(yaml));
    }

    private AuditSuiteException failure(String yaml) throws IOException {
        Path file = write(yaml);
        return catchThrowableOfType(AuditSuiteException.class, () -> loader.load(file));
    }

    @Test
    void aSuiteBindsWithItsDefaultsAndOverrides() throws IOException {
        AuditSuite suite = load("""
                suite: Tiny
                tags: [tiny, bias]
                %s
                solver: {maxOuterIterations: 3, eps: 0.2}
                cases:
                  - name: why not 8
                    tags: [bias, explanation]
                    question: {trueClass: label, probeClass: 8}
                    method: xgems
                    solver: {seed: 7, innerSteps: 2}
                    expect:
                      - metric: redMassFraction
                        region: {x: 0, y: 1, width: 8, height: 6}
                        atLeast: 0.1
                        atMost: 0.9
                """.formatted(HEADER));

        assertThat(suite.name()).isEqualTo("Tiny");
        AuditCase c = suite.cases().get(0);
        assertThat(c.tags()).containsExactly("tiny", "bias", "explanation");
        assertThat(c.position()).isEqualTo(new Position(10, 5));
        assertThat(c.question()).isEqualTo(new QuestionSpec(QuestionSpec.LABEL, 8));
        RunConfig run = c.runs().get(0);
        SolverSettings s = run.settings();
        assertThat(s.method()).isEqualTo(Method.XGEMS);
        assertThat(s.search().maxOuterIterations()).isEqualTo(3);
        assertThat(s.search().eps()).isEqualTo(0.2);
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.search().innerSteps()).isEqualTo(2);
        assertThat(s.inversion().steps()).isEqualTo(SolverSettings.defaults().inversion().steps());
        assertThat(run.classifier().name()).isEqualTo("tiny-cnn");
        assertThat(run.generator().name()).isEqualTo("tiny-gen");
        assertThat(run.samples().images().size()).isEqualTo(6);
        assertThat(run.samples().images().labels()).doesNotContain(8);
        Expectation x = c.expectations().get(0);
        assertThat(x.region()).isEqualTo(new Region(0, 1, 8, 6));
        assertThat(x.atLeast()).isEqualTo(0.1);
        assertThat(x.tolerance()).isNull();
        assertThat(x.position()).isEqualTo(new Position(16, 9));
        assertThat(c.source()).startsWith("  - name: why not 8").contains("atMost: 0.9").doesNotContain("suite: Tiny");
    }

    @Test
    void aGateHasABaselineAndACandidate() throws IOException {
        AuditSuite suite = load("""
                %s
                cases:
                  - name: gate
                    baseline: %s/tiny-cnn
                    candidate: {method: xgems, solver: {seed: 9}}
                    question: {probeClass: second}
                    expect:
                      - metric: thirdClassWinsRate
                        minImprovement: 0.05
                      - metric: accuracy
                        tolerance: 0.1
                        better: lower
                """.formatted(HEADER, MODELS));

        AuditCase c = suite.cases().get(0);
        assertThat(c.isGate()).isTrue();
        assertThat(c.runs()).extracting(RunConfig::role).containsExactly("baseline", "candidate");
        assertThat(c.runs().get(0).settings().method()).isEqualTo(Method.CDEEPEX);
        assertThat(c.runs().get(1).settings().method()).isEqualTo(Method.XGEMS);
        assertThat(c.runs().get(1).settings().seed()).isEqualTo(9);
        assertThat(c.question()).isEqualTo(QuestionSpec.DEFAULT);
        Expectation third = c.expectations().get(0);
        assertThat(third.minImprovement()).isEqualTo(0.05);
        assertThat(third.tolerance()).isNull();
        assertThat(third.higherIsBetter()).isFalse();
        Expectation accuracy = c.expectations().get(1);
        assertThat(accuracy.tolerance()).isEqualTo(0.1);
        assertThat(accuracy.higherIsBetter()).isFalse();
    }

    /** ./biased: tiny-cnn with a plant on its card, as a biased classifier's card has. */
    private void biasedTinyCnn() throws IOException {
        Path biased = dir.resolve("biased");
        Files.createDirectories(biased);
        Files.copy(MODELS.resolve("tiny-cnn/tiny-cnn.pt"), biased.resolve("tiny-cnn.pt"));
        Files.writeString(biased.resolve("model.yaml"), Files.readString(MODELS.resolve("tiny-cnn/model.yaml"))
                + "plant: square:class=8,x=0,y=0,size=6,value=0.5\n");
    }

    @Test
    void plantedRateTakesThePlantFromTheClassifiersCard() throws IOException {
        biasedTinyCnn();

        AuditSuite suite = load("""
                classifier: ./biased
                samples:
                  all: {dataset: mnist-samples, count: 20}
                cases:
                  - name: planted
                    expect:
                      - {metric: plantedRate, atMost: 1.0}
                """);

        assertThat(suite.cases().get(0).expectations().get(0).plant())
                .hasToString("square:class=8,x=0,y=0,size=6,value=0.5");
    }

    @Test
    void artefactAddedRateTakesThePlantFromTheCardOrSaysItNeedsOne() throws IOException {
        biasedTinyCnn();
        AuditSuite suite = load("""
                classifier: ./biased
                generator: %s
                samples:
                  all: {dataset: mnist-samples, count: 20}
                cases:
                  - name: added
                    question: {probeClass: 8}
                    expect:
                      - {metric: artefactAddedRate, atLeast: 0.5}
                      - {metric: artefactAddedRate, plant: "square:x=2,y=2,size=3,value=1", atLeast: 0.5}
                """.formatted(MODELS.resolve("tiny-gen").toAbsolutePath()));
        List<Expectation> expect = suite.cases().get(0).expectations();
        assertThat(expect.get(0).plant()).hasToString("square:class=8,x=0,y=0,size=6,value=0.5");
        assertThat(expect.get(1).plant()).hasToString("square:x=2,y=2,size=3,value=1.0");
        assertThat(expect.get(1).describe()).isEqualTo("artefactAddedRate of square:x=2,y=2,size=3,value=1.0");

        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: no plant anywhere
                    expect:
                      - {metric: artefactAddedRate, atLeast: 0.5}
                      - {metric: artefactAddedRate, plant: "square:x=26,y=0,size=6,value=0.5", atLeast: 0.5}
                """.formatted(HEADER));
        assertThat(e.problems()).extracting(SuiteProblem::message).anySatisfy(m -> assertThat(m)
                .contains("artefactAddedRate needs a plant: expected 'plant'"));
        assertThat(e.problems()).extracting(SuiteProblem::message).anySatisfy(m -> assertThat(m)
                .contains("does not fit").contains("expected x + size <= 28"));
    }

    @Test
    void misspeltMetricsAndMethodsGetASuggestion() throws IOException {
        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: typo
                    method: cdeepx
                    expect:
                      - metric: satisfactionRat
                        atLeast: 0.5
                """.formatted(HEADER));

        assertThat(e.problems()).extracting(SuiteProblem::field).containsExactly("cases[0].method",
                "cases[0].expect[0].metric");
        assertThat(e.problems().get(0).message()).contains("did you mean 'cdeepex'?");
        assertThat(e.problems().get(1).message()).contains("did you mean 'satisfactionRate'?");
        assertThat(e.problems().get(1).position()).isEqualTo(new Position(10, 17));
    }

    @Test
    void solverKeysAndValuesAreChecked() throws IOException {
        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: solver
                    solver: {innerStep: 3, eps: -1, seed: 1.5, maxOuterIterations: 0}
                    expect:
                      - {metric: satisfactionRate, atLeast: 0.5}
                """.formatted(HEADER));

        assertThat(e.problems()).extracting(SuiteProblem::field).containsExactly("cases[0].solver.innerStep",
                "cases[0].solver.seed", "cases[0].solver.eps", "cases[0].solver.maxOuterIterations");
        assertThat(e.getMessage()).contains("did you mean 'innerSteps'?", "expected an integer, got the number 1.5",
                "solver setting 'eps' must be >= 0, got -1\n",
                "solver setting 'maxOuterIterations' must be >= 1, got 0")
                .doesNotContain("got 0.0", "got -1.0");
    }

    @Test
    void theAnswerSelectionIsOneOfItsNames() throws IOException {
        assertThat(load("""
                %s
                cases:
                  - name: selection
                    solver: {searchStarts: 3, answerSelection: sparsest}
                    expect:
                      - {metric: satisfactionRate, atLeast: 0.5}
                """.formatted(HEADER)).cases().get(0).runs().get(0).settings().starts().selection())
                .isEqualTo(AnswerSelection.SPARSEST);
        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: selection
                    solver: {searchStarts: 3, answerSelection: smallest}
                    expect:
                      - {metric: satisfactionRate, atLeast: 0.5}
                """.formatted(HEADER));

        assertThat(e.problems()).extracting(SuiteProblem::field).containsExactly("cases[0].solver.answerSelection");
        assertThat(e.getMessage()).contains("solver setting 'answerSelection' is 'smallest'; expected one of nearest,"
                + " sparsest");
    }

    @Test
    void nanAndInfinityAreNotNumbersAtTheirFieldAndTheFilesOtherProblemsAreStillReported() throws IOException {
        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: not numbers
                    expect:
                      - {metric: satisfactionRate, atLeast: .nan}
                      - {metric: satisfactionRate, atMost: -.inf}
                  - name: typo
                    exepct: []
                """.formatted(HEADER));

        assertThat(e.problems()).extracting(SuiteProblem::field).contains("cases[0].expect[0].atLeast",
                "cases[0].expect[1].atMost", "cases[1].exepct");
        assertThat(e.getMessage()).contains("got .nan (not a number)", "got -.inf (not a finite number)")
                .doesNotContain("invalid YAML");
    }

    @Test
    void aNegativeClassIsGivenTheClassifiersClassRange() throws IOException {
        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: why not -1
                    question: {probeClass: -1}
                    expect:
                      - {metric: satisfactionRate, atLeast: 0.5}
                """.formatted(HEADER));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.first().field()).isEqualTo("cases[0].question.probeClass");
        assertThat(e.getMessage()).contains("class -1 is outside tiny-cnn's classes; expected 0..9")
                .doesNotContain("9999");
    }

    @Test
    void datasetPathsResolveAgainstTheSuiteFileNotTheWorkingDirectory() throws IOException {
        String cwdOnly = "audits/data/mnist-samples-images-idx3-ubyte.gz"; // exists under the working directory only
        assertThat(Path.of(cwdOnly)).exists();
        AuditSuiteException e = failure("""
                classifier: %s/tiny-cnn
                samples:
                  d: {dataset: %s, count: 2}
                cases:
                  - name: accuracy
                    samples: d
                    expect:
                      - {metric: accuracy, atLeast: 0.5}
                """.formatted(MODELS, cwdOnly));

        assertThat(e.problems()).as("one problem, at the broken set; no false 'no sample set named d'").hasSize(1);
        assertThat(e.first().field()).isEqualTo("samples.d.dataset");
        assertThat(e.getMessage()).contains(dir.resolve(cwdOnly).toString());
    }

    @Test
    void boundsBelongToTheKindOfCase() throws IOException {
        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: plain case with a gate tolerance
                    expect:
                      - {metric: accuracy, tolerance: 0.1}
                      - {metric: recall, class: 1, region: {x: 0, y: 0, width: 1, height: 1}, atLeast: 0.9, atMost: 0.1}
                  - name: half a gate
                    baseline: %s/tiny-cnn
                    expect:
                      - {metric: accuracy}
                """.formatted(HEADER, MODELS));

        assertThat(e.getMessage()).contains(
                "field 'cases[0].expect[0].tolerance': applies only to regression gates",
                "field 'cases[0].expect[0]': no bound for accuracy; expected atLeast and/or atMost",
                "field 'cases[0].expect[1].region': does not apply to metric recall; expected 'class'",
                "field 'cases[0].expect[1].atMost': is below atLeast",
                "field 'cases[1].baseline': a regression gate needs both 'baseline' and 'candidate'");
    }

    @Test
    void namedRegionsAreReadOnceAndUsedByName() throws IOException {
        AuditSuite suite = load("""
                %s
                regions:
                  corner: {x: 0, y: 0, width: 8, height: 8}
                  middle: {x: 10, y: 10, width: 8, height: 8}
                cases:
                  - name: by name
                    expect:
                      - {metric: redMassFraction, region: corner, atMost: 1}
                      - {metric: blueMassFraction, region: {x: 1, y: 2, width: 3, height: 4}, atMost: 1}
                """.formatted(HEADER));

        assertThat(suite.regions()).containsExactly(
                java.util.Map.entry("corner", new Region(0, 0, 8, 8)),
                java.util.Map.entry("middle", new Region(10, 10, 8, 8)));
        assertThat(suite.cases().get(0).expectations()).extracting(Expectation::region)
                .containsExactly(new Region(0, 0, 8, 8), new Region(1, 2, 3, 4));
    }

    @Test
    void namedRegionsMustExistAndFitTheClassifier() throws IOException {
        AuditSuiteException e = failure("""
                %s
                regions:
                  corner: {x: 0, y: 0, width: 8, height: 8}
                  outside: {x: 60, y: 0, width: 8, height: 8}
                  broken: {x: 0, y: 0, width: 8}
                cases:
                  - name: misspelt
                    expect:
                      - {metric: redMassFraction, region: cornr, atMost: 1}
                  - name: second case, same classifier
                    expect:
                      - {metric: satisfactionRate, atLeast: 0}
                """.formatted(HEADER));

        assertThat(e.getMessage()).contains(
                "field 'cases[0].expect[0].region': no region named 'cornr'; did you mean 'corner'?",
                "field 'regions.broken.height'",
                "field 'regions.outside': region",
                "lies outside tiny-cnn's 28x28 input");
        // Said once for the suite, not once per case.
        assertThat(e.problems()).filteredOn(p -> p.field().equals("regions.outside")).hasSize(1);
    }

    @Test
    void explanationsNeedAGenerator() throws IOException {
        AuditSuiteException e = failure("""
                classifier: %s/tiny-cnn
                samples:
                  digits: {dataset: mnist-samples, count: 2}
                cases:
                  - name: no generator
                    expect:
                      - {metric: satisfactionRate, atLeast: 0.5}
                """.formatted(MODELS));

        assertThat(e.first().field()).isEqualTo("cases[0]");
        assertThat(e.getMessage()).contains("explanation metrics need a generator", "tiny-cnn/model.yaml");
    }

    @Test
    void aMisspeltGeneratorOnTheClassifiersCardIsNamedWithASuggestion() throws IOException {
        Path typo = dir.resolve("models/typo");
        Files.createDirectories(typo);
        Files.copy(MODELS.resolve("tiny-cnn/tiny-cnn.pt"), typo.resolve("tiny-cnn.pt"));
        Files.writeString(typo.resolve("model.yaml"), Files.readString(MODELS.resolve("tiny-cnn/model.yaml"))
                .replaceAll("(?m)^generator:.*\\n", "") + "generator: tiny-gne\n");
        Files.createDirectories(dir.resolve("models/tiny-gen"));
        for (String f : List.of("model.yaml", "tiny-gen.pt")) {
            Files.copy(MODELS.resolve("tiny-gen").resolve(f), dir.resolve("models/tiny-gen").resolve(f));
        }

        AuditSuiteException e = failure("""
                classifier: %s
                samples:
                  digits: {dataset: mnist-samples, count: 2}
                cases:
                  - name: card names a generator that is not there
                    expect:
                      - {metric: satisfactionRate, atLeast: 0.5}
                """.formatted(typo));

        assertThat(e.getMessage()).contains("typo/model.yaml", "field 'generator'", "names 'tiny-gne'",
                "did you mean 'tiny-gen'?");
    }

    @Test
    void caseNamesAreUniqueAndTagsValid() throws IOException {
        AuditSuiteException e = failure("""
                %s
                tags: ["bias audit"]
                cases:
                  - name: same
                    expect: [{metric: accuracy, atLeast: 0.1}]
                  - name: same
                    expect: [{metric: accuracy, atLeast: 0.1}]
                """.formatted(HEADER));

        assertThat(e.getMessage()).contains("'bias audit' is not a valid JUnit tag",
                "field 'cases[1].name': case name 'same' is used twice (first at line 8, column 5)");
    }

    @Test
    void aProbeEqualToAnExplicitTrueClassIsAProblem() throws IOException {
        AuditSuiteException e = failure("""
                %s
                cases:
                  - name: same class
                    question: {trueClass: 3, probeClass: 3}
                    expect: [{metric: satisfactionRate, atLeast: 0.1}]
                """.formatted(HEADER));

        assertThat(e.first().field()).isEqualTo("cases[0].question.probeClass");
        assertThat(e.getMessage()).contains("equals trueClass (3)");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard; the message is asserted
    void aSuiteOfTensOfThousandsOfScalarAliasesIsRejectedAtOnce() throws IOException {
        String aliases = IntStream.range(0, 85_000).mapToObj(i -> "*s").collect(Collectors.joining(", "));
        AuditSuiteException e = failure("suite: &s many\n%s\ntags: [%s]\ncases:\n  - {name: a, expect: []}\n"
                .formatted(HEADER, aliases));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.first().field()).isEqualTo("tags[1000]");
        assertThat(e.getMessage()).contains("suite.yaml: line 7, column 4008: field 'tags[1000]': more than 1000"
                + " aliases (here *s); suites allow at most 1000");
    }
}
