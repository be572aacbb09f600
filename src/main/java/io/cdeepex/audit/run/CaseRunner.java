package io.cdeepex.audit.run;

import ai.djl.Device;
import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.AuditSuite;
import io.cdeepex.audit.suite.Expectation;
import io.cdeepex.audit.suite.QuestionSpec;
import io.cdeepex.audit.suite.RunConfig;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.ScanException;
import io.cdeepex.explain.scan.ScanListener;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.Scanner;
import io.cdeepex.metrics.Measure;
import io.cdeepex.metrics.Measurement;
import io.cdeepex.metrics.Metric;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one case: for each run (one, or baseline and candidate) it loads the models, prepares the sample images,
 * explains or evaluates, and measures every expectation's metric; then it judges the expectations. All numbers go
 * into the {@link CaseResult}, passes as well as failures, and into the report of the running test.
 */
public final class CaseRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CaseRunner.class);
    private final AuditSession session;
    private final CaseReport report;

    public CaseRunner(AuditSession session, CaseReport report) {
        this.session = session;
        this.report = report;
    }

    /**
     * What one run measured.
     *
     * @param images       the sample images at the classifier's input size, as measured
     * @param explanations the run's explanations (empty for classifier-only cases)
     * @param measurements each expectation's metric as the metric core measured it
     * @param regionMass   for each of the suite's named regions, the mean red and blue mass fraction inside it
     *                     (reported, not judged; empty for classifier-only cases)
     * @param scan         the scan of a scan case, else null
     */
    record Measured(RunConfig run, ImageSet images, List<Explanation> explanations, String note,
                    Map<Expectation, Measurement> measurements, Map<String, double[]> regionMass, ScanResult scan) {

        /** Each expectation's value. */
        Map<Expectation, Double> values() {
            Map<Expectation, Double> out = new LinkedHashMap<>();
            measurements.forEach((x, m) -> out.put(x, m.value()));
            return out;
        }
    }

    /**
     * Runs the case; returns its result when every expectation holds.
     *
     * @throws AssertionFailedError listing every verdict, failures first, when an expectation does not hold
     */
    public CaseResult run(AuditSuite suite, AuditCase c, Device device) {
        List<Measured> measured = new ArrayList<>();
        for (RunConfig run : c.runs()) measured.add(measure(suite, c, run, device));
        List<Verdict> verdicts = new ArrayList<>();
        for (Expectation x : c.expectations()) {
            if (c.isGate()) {
                Measured base = measured.get(0);
                Measured cand = measured.get(1);
                verdicts.add(Verdict.gate(x, base.run().classifier().name() + label(base, c),
                        base.measurements().get(x).value(), cand.run().classifier().name() + label(cand, c),
                        cand.measurements().get(x).value()));
            } else {
                verdicts.add(Verdict.of(x, measured.get(0).measurements().get(x)));
            }
        }
        CaseResult result = new CaseResult(suite, c, measured, verdicts);
        report.finished(result);
        if (!result.passed()) {
            throw new AssertionFailedError(result.failureMessage());
        }
        return result;
    }

    /** Names a gate side by more than its classifier when both sides use the same one (e.g. method vs method). */
    private static String label(Measured m, AuditCase c) {
        RunConfig a = c.runs().get(0);
        RunConfig b = c.runs().get(1);
        if (!a.classifier().dir().equals(b.classifier().dir())) return "";
        List<String> parts = new ArrayList<>();
        if (a.generator() != null && b.generator() != null && !a.generator().dir().equals(b.generator().dir())) {
            parts.add(m.run().generator().name());
        }
        if (a.settings().method() != b.settings().method()) parts.add(m.run().settings().method().id());
        if (!a.samples().equals(b.samples())) parts.add(m.run().samples().name());
        if (parts.isEmpty() && !a.settings().equals(b.settings())) {
            parts.add("solver settings of the " + m.run().role());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private Measured measure(AuditSuite suite, AuditCase c, RunConfig run, Device device) {
        Classifier classifier = session.classifier(run.classifier(), device);
        ImageSet images = session.images(run.samples(), classifier);
        Map<Expectation, Measurement> measurements = new LinkedHashMap<>();
        String note = null;
        List<Explanation> explanations = List.of();
        if (c.needsExplanations()) {
            Asked asked = ask(c.question(), images, classifier, device);
            note = asked.note();
            Generator generator = session.generator(run.generator(), device);
            session.environment().solver(run.settings());
            explanations = session.explanations(run, device, images, c.question(),
                    () -> new Explainer(classifier, generator, run.settings(), device)
                            .withArtefact(PlantSpec.ofCardField(classifier.card().plant)).explain(asked.questions()));
            report.explained(c, run, explanations, classifier.classNames());
        }
        ScanResult scan = c.scan() == null ? null : scan(c, run, classifier, images, device);
        for (Expectation x : c.expectations()) {
            measurements.put(x, switch (x.metric().source()) {
                case EXPLANATIONS -> x.measure().over(explanations);
                // the evaluation the session already made for this classifier, sample set and plant
                case CLASSIFIER -> x.measure().over(session.evaluation(run.classifier(), device, run.samples(),
                        x.metric() == Metric.PLANTED_RATE ? x.plant() : null));
                case SCAN -> x.measure().over(scan);
            });
        }
        return new Measured(run, images, explanations, note, measurements, regionMass(suite.regions(), explanations),
                scan);
    }

    /** Scans the classifier over the sample images, logging progress per batch; the scan page goes to the report. */
    private ScanResult scan(AuditCase c, RunConfig run, Classifier classifier, ImageSet images, Device device) {
        Generator generator = session.generator(run.generator(), device);
        session.environment().solver(run.settings());
        ScanListener progress = new ScanListener() {
            @Override
            public void batchDone(int probe, int probeIndex, int probes, int done, int total, long elapsedMillis) {
                LOG.info("case '{}': scan probe {} ({}/{}): {}/{} explained, {} s", c.name(), probe, probeIndex + 1,
                        probes, done, total, elapsedMillis / 1000);
            }
        };
        ScanResult result;
        try {
            result = new Scanner(new Explainer(classifier, generator, run.settings(), device))
                    .run(images, c.scan(), progress);
        } catch (ScanException e) {
            // the scan's messages use the command line's option names; say what they are called here
            throw new AssertionFailedError("the scan of " + run.describe() + " could not run: " + e.getMessage()
                    + " (in a suite, --images and --probes are the case's scan.images and scan.probes, --generator is"
                    + " its generator, and the bar a generator must pass is scan.minInversionAgreement)");
        }
        report.scanned(c, run, result);
        return result;
    }

    /** Mean red and blue mass fraction of the explanations inside each named region. */
    private static Map<String, double[]> regionMass(Map<String, Region> regions, List<Explanation> explanations) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (explanations.isEmpty()) return out;
        regions.forEach((name, region) -> out.put(name, new double[] {
                Measure.inRegion(Metric.RED_MASS_FRACTION, region).over(explanations).value(),
                Measure.inRegion(Metric.BLUE_MASS_FRACTION, region).over(explanations).value()}));
        return out;
    }

    private record Asked(List<Question> questions, String note) {}

    /**
     * The questions for the sample images. With a fixed probe, images whose true class already is the probe have
     * nothing to explain; with a fixed true class ("why T-shirt and not shirt?"), images the classifier does not
     * assign to it are not about that question. Both are left out and the note says how many.
     */
    private static Asked ask(QuestionSpec q, ImageSet images, Classifier classifier, Device device) {
        int probe = q.probeClass();
        boolean fixedTrue = q.trueClass() >= 0;
        int[] predicted = fixedTrue || (probe >= 0 && q.trueClass() == QuestionSpec.PREDICTED)
                ? ClassifierEvaluation.predict(classifier, images, device) : null;
        List<Question> questions = new ArrayList<>();
        int alreadyProbe = 0;
        int notTrue = 0;
        for (int i = 0; i < images.size(); i++) {
            int trueClass = q.trueClass() == QuestionSpec.LABEL ? images.label(i) : q.trueClass();
            if (fixedTrue && predicted[i] != trueClass) {
                notTrue++;
                continue;
            }
            int actual = trueClass == QuestionSpec.PREDICTED && predicted != null ? predicted[i] : trueClass;
            if (probe >= 0 && actual == probe) {
                alreadyProbe++;
                continue;
            }
            questions.add(Question.of(images, i, trueClass, probe));
        }
        List<String> leftOut = new ArrayList<>();
        if (alreadyProbe > 0) {
            leftOut.add(alreadyProbe + " of " + images.size() + " images left out: their true class ("
                    + (q.trueClass() == QuestionSpec.LABEL ? "label" : "prediction") + ") already is the probe class "
                    + probe);
        }
        if (notTrue > 0) {
            leftOut.add(notTrue + " of " + images.size() + " images left out: " + classifier.name()
                    + " does not assign them to the question's true class " + q.trueClass());
        }
        if (questions.isEmpty()) {
            throw new AssertionFailedError("none of the " + images.size() + " sample images is a question for "
                    + classifier.name() + " (" + q + "): " + String.join("; ", leftOut));
        }
        return new Asked(questions, leftOut.isEmpty() ? null : String.join("; ", leftOut));
    }
}
