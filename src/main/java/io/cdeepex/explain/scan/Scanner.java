package io.cdeepex.explain.scan;

import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.ClassifierPredictions;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.Region;
import io.cdeepex.model.Classifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit that names nothing: asks "why not k?" for each probe class k over images the classifier does not call
 * k, sums the answers up per probe ({@link ProbeAggregate}), searches the maps for compact consistent boxes
 * ({@link FindingSearch}) and checks each box by pasting it onto clean images ({@link CounterfactualCheck}).
 */
public final class Scanner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scanner.class);
    /** Images inverted before the long part to check that the generator can explain this sample set. */
    static final int INVERSION_CHECK_IMAGES = 16;

    private final Explainer explainer;

    public Scanner(Explainer explainer) {
        this.explainer = explainer;
    }

    public ScanResult run(ImageSet samples, ScanSettings s, ScanListener listener) {
        long t0 = System.currentTimeMillis();
        Classifier classifier = explainer.classifier();
        List<String> classes = classifier.classNames();
        if (samples.size() == 0) throw new ScanException("sample set '" + samples.name() + "' is empty: a scan needs "
                + "labelled or unlabelled images of several classes (--dataset)");
        List<Integer> probes = probes(s.probes(), classes);
        ImageSet set = atInputSize(classifier, samples);
        int[] predicted = ClassifierPredictions.predict(classifier, set, explainer.device());
        int[] truth = new int[set.size()];
        for (int i = 0; i < set.size(); i++) truth[i] = set.isLabelled(i) ? set.label(i) : predicted[i];
        List<ProbePlan> plans = new ArrayList<>();
        for (int k : probes) plans.add(plan(set, predicted, truth, k, s, classes));
        checkInversion(set, predicted, s);
        List<ProbeAggregate> aggregates = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        String generator = explainer.generator().name();
        for (int p = 0; p < plans.size(); p++) {
            int k = plans.get(p).probe();
            List<Integer> explained = plans.get(p).explained();
            List<Integer> check = plans.get(p).check();
            List<Explanation> answers = explain(set, explained, k, p, probes.size(), s.batch(), listener, t0);
            ProbeAggregate a = ProbeAggregation.of(k, answers, s.addThreshold());
            aggregates.add(a);
            ImageSet clean = set.subset(check.stream().mapToInt(Integer::intValue).toArray());
            int[] cleanTruth = check.stream().mapToInt(i -> truth[i]).toArray();
            int[] cleanBefore = check.stream().mapToInt(i -> predicted[i]).toArray();
            for (Sign sign : Sign.values()) {
                List<FindingSearch.Candidate> candidates = FindingSearch.search(a, sign, s);
                Set<Region> boxes = new HashSet<>();
                candidates.forEach(c -> boxes.add(c.box()));
                List<Finding> checked = new ArrayList<>();
                for (FindingSearch.Candidate c : candidates) {
                    Finding f = check(a, sign, c, clean, cleanBefore, cleanTruth);
                    checked.add(f);
                    // a box over the core of a blurred artefact flips a few images; its rim may flip many more
                    if (!c.concentrated() || !(f.check().flipRate() > f.check().baseRate())) continue;
                    FindingSearch.grown(a, sign, c, s).filter(g -> boxes.add(g.box()))
                            .ifPresent(g -> checked.add(check(a, sign, g, clean, cleanBefore, cleanTruth)));
                }
                findings.addAll(FindingSearch.best(checked, s.findingsPerProbe()));
            }
            listener.probeDone(new ScanResult(classifier.name(), generator, samples.name(), classes, s, probes,
                    aggregates, findings, p == plans.size() - 1, System.currentTimeMillis() - t0));
        }
        return new ScanResult(classifier.name(), generator, samples.name(), classes, s, probes, aggregates, findings,
                true, System.currentTimeMillis() - t0);
    }

    private Finding check(ProbeAggregate a, Sign sign, FindingSearch.Candidate c, ImageSet clean, int[] before,
                          int[] truth) {
        CounterfactualCheck.Result r = CounterfactualCheck.run(explainer.classifier(), explainer.device(), clean,
                before, truth, a.mean(sign), c.box(), sign, a.probeClass());
        return new Finding(a.probeClass(), sign, c.box(), c.excessShare(), c.consistency(), c.supportClasses(),
                c.explainedClasses(), r, FindingSearch.score(c, r));
    }

    /** One probe's explained and check images, chosen before any question is asked. */
    private record ProbePlan(int probe, List<Integer> explained, List<Integer> check) {}

    /** Picks a probe's images; a set too small for it fails here, before the long part begins. */
    private static ProbePlan plan(ImageSet set, int[] predicted, int[] truth, int k, ScanSettings s,
                                  List<String> classes) {
        List<Integer> explained = spread(set.size(), predicted, k, s.seed() + k, s.imagesPerProbe(), null);
        if (explained.size() < s.imagesPerProbe()) {
            throw new ScanException("--images " + s.imagesPerProbe() + ": the sample set '" + set.name()
                    + "' has only " + explained.size() + " images the classifier does not call '"
                    + classes.get(k) + "'; use a larger set or fewer images");
        }
        List<Integer> check = spread(set.size(), truth, k, s.seed() + 1000 + k, s.checkImages(), explained);
        if (check.isEmpty()) {
            throw new ScanException("the sample set '" + set.name() + "' has no images left for the "
                    + "counterfactual check of probe '" + classes.get(k) + "' after the " + explained.size()
                    + " explained ones; use a larger set or fewer --images");
        }
        return new ProbePlan(k, explained, check);
    }

    private List<Explanation> explain(ImageSet set, List<Integer> images, int k, int p, int probes, int b,
                                      ScanListener listener, long t0) {
        List<Explanation> out = new ArrayList<>();
        for (int from = 0; from < images.size(); from += b) {
            List<Question> qs = new ArrayList<>();
            for (int i = from; i < Math.min(images.size(), from + b); i++) {
                qs.add(Question.of(set, images.get(i), Question.PREDICTED, k));
            }
            out.addAll(explainer.explain(qs));
            listener.batchDone(k, p, probes, out.size(), images.size(), System.currentTimeMillis() - t0);
        }
        return out;
    }

    /** Probe classes to scan: all when none were named; an unknown one names the valid range. */
    static List<Integer> probes(List<Integer> asked, List<String> classes) {
        if (asked.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < classes.size(); i++) all.add(i);
            return all;
        }
        for (int k : asked) {
            if (k < 0 || k >= classes.size()) {
                throw new ScanException("--probes: unknown class " + k + "; the classifier has classes 0.."
                        + (classes.size() - 1) + " " + classes);
            }
        }
        return List.copyOf(asked);
    }

    /** Fails before the long part when G(z0) does not keep the classifier's label on enough sample images. */
    private void checkInversion(ImageSet set, int[] predicted, ScanSettings s) {
        int n = Math.min(INVERSION_CHECK_IMAGES, set.size());
        int[] picks = new int[n];
        for (int i = 0; i < n; i++) picks[i] = (int) ((long) i * set.size() / n);
        ImageSet few = set.subset(picks);
        LOG.info("checking that {} inverts {} sample images ...", explainer.generator().name(), n);
        Explainer.Reconstructions r = explainer.reconstruct(few, Math.max(1, s.batch()));
        ImageSet g = few.withPixels(set.channels(), set.height(), set.width(), r.images());
        int[] again = ClassifierPredictions.predict(explainer.classifier(), g, explainer.device());
        int kept = 0;
        double mse = 0;
        for (int i = 0; i < n; i++) {
            if (again[i] == predicted[picks[i]]) kept++;
            mse += r.meanSquaredError()[i] / n;
        }
        double share = (double) kept / n;
        if (share < s.minInversionAgreement()) {
            throw new ScanException(String.format(java.util.Locale.ROOT, "--generator %s cannot invert the sample "
                    + "images: the classifier keeps its label on G(z0) for %d of %d images (%.2f, need at least "
                    + "%.2f; mean squared inversion error %.4f); use the generator trained for this classifier's "
                    + "data", explainer.generator().name(), kept, n, share, s.minInversionAgreement(), mse));
        }
    }

    /**
     * Up to {@code count} images whose class (per {@code cls}) is not {@code k}, shuffled by the seed and taken
     * round-robin over the classes so that every other class is represented; {@code except} are skipped.
     */
    static List<Integer> spread(int size, int[] cls, int k, long seed, int count, List<Integer> except) {
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        Set<Integer> skip = except == null ? Set.of() : new HashSet<>(except);
        for (int i : order) {
            if (cls[i] != k && !skip.contains(i)) byClass.computeIfAbsent(cls[i], c -> new ArrayList<>()).add(i);
        }
        List<Integer> out = new ArrayList<>();
        Map<Integer, Integer> next = new HashMap<>();
        while (out.size() < count) {
            boolean any = false;
            for (Map.Entry<Integer, List<Integer>> e : byClass.entrySet()) {
                int at = next.getOrDefault(e.getKey(), 0);
                if (at < e.getValue().size() && out.size() < count) {
                    out.add(e.getValue().get(at));
                    next.put(e.getKey(), at + 1);
                    any = true;
                }
            }
            if (!any) break;
        }
        return out;
    }

    private static ImageSet atInputSize(Classifier classifier, ImageSet set) {
        try {
            return ClassifierPredictions.atInputSize(classifier, set);
        } catch (IllegalArgumentException channels) {
            throw new ScanException(channels.getMessage());
        }
    }
}
