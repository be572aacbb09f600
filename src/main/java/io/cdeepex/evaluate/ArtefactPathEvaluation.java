package io.cdeepex.evaluate;

import ai.djl.Device;
import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.ArtefactPath;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Why not the artefact's class?" answered twice per image: by walking the latent segment to the image's inversion
 * with the artefact planted ({@link ArtefactPath}) and by CDeepEx. Says whether a bias audit's generator can say
 * "add the artefact" at a small latent cost, and whether the search finds that answer when it is the nearest.
 *
 * @param rows one per image of another class than the artefact's that the classifier does not already give it
 */
public record ArtefactPathEvaluation(String classifier, String generator, String dataset, String plant,
                                     List<Row> rows) {

    /**
     * @param path            the walk's tie
     * @param answerDistance  CDeepEx's latent distance |ze - z0|
     * @param answerRed       share of the answer's red mass inside the artefact's square
     * @param answerAdds      whether the answer adds at least half the artefact
     * @param answerSatisfied whether all of the answer's constraints hold
     */
    public record Row(ArtefactPath.Tie path, double answerDistance, double answerRed, boolean answerAdds,
                      boolean answerSatisfied) {
        /**
         * The tie on the artefact's path is nearer than the search's answer and has the two classes on top: the search
         * missed a nearer point of Equation 2.
         */
        public boolean pathNearer() {
            return path.found() && path.topTwo() && path.tieDistance() < answerDistance;
        }
    }

    public static ArtefactPathEvaluation run(Classifier classifier, Generator generator, ImageSet set, PlantSpec plant,
                                             SolverSettings settings, Device device) {
        if (set.size() == 0) throw new IllegalArgumentException(set.name() + ": no images to walk");
        Explainer explainer = new Explainer(classifier, generator, settings, device).withArtefact(plant);
        List<ArtefactPath.Tie> ties = ArtefactPath.walk(explainer, set, plant);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < set.size(); i++) index.put(set.id(i), i);
        int probe = plant.targetClass().getAsInt();
        List<Question> questions = new ArrayList<>();
        for (ArtefactPath.Tie t : ties) questions.add(Question.of(set, index.get(t.imageId()), t.trueClass(), probe));
        List<Explanation> answers = questions.isEmpty() ? List.of() : explainer.explain(questions);
        Region square = new Region(plant.x(), plant.y(), plant.size(), plant.size());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ties.size(); i++) {
            Explanation e = answers.get(i);
            rows.add(new Row(
                    ties.get(i), e.latentDistance(), e.redMassFraction(square), e.addsArtefact(plant), e.satisfied()));
        }
        return new ArtefactPathEvaluation(
                classifier.name(), generator.name(), set.name(), plant.toString(), List.copyOf(rows));
    }

    public String report() {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "artefact path  %s through %s on %s (%d images of other classes), artefact %s%n  tie = first of %d"
                    + " steps from z0 towards z1 (the image with the artefact, inverted) where the artefact's class is"
                    + " as likely as the true class; answer = CDeepEx's%n  %-24s %5s %8s %8s %5s %8s %5s %8s %8s"
                    + " %5s%n",
                generator,
                classifier,
                dataset,
                rows.size(),
                plant,
                ArtefactPath.STEPS,
                "image",
                "true",
                "|z1-z0|",
                "tie",
                "top2",
                "tie red",
                "adds",
                "answer",
                "ans red",
                "adds"));
        for (Row r : rows) {
            ArtefactPath.Tie t = r.path();
            out.append(String.format(
                    Locale.ROOT,
                    "  %-24s %5d %8.3f %8s %5s %8s %5s %8.3f %8.3f %5s%s%n",
                    t.imageId(),
                    t.trueClass(),
                    t.segmentLength(),
                    t.found() ? fmt(t.tieDistance()) : "none",
                    t.found() ? (t.topTwo() ? "yes" : "no") : "-",
                    t.found() ? fmt(t.redInArtefact()) : "-",
                    t.addsArtefact() ? "yes" : "no",
                    r.answerDistance(),
                    r.answerRed(),
                    r.answerAdds() ? "yes" : "no",
                    r.answerSatisfied() ? "" : "  (answer not satisfied)"));
        }
        Map<String, Object> s = summary();
        out.append(String.format(
                Locale.ROOT,
                "  ties found %s of %d; tie nearer than the answer (with the two classes on top) %s; mean red mass in"
                        + " the artefact: ties %s, answers %.3f; artefact added: ties %s, answers %s%n",
                s.get("tiesFound"),
                rows.size(),
                s.get("pathNearer"),
                s.get("tieRedMean") == null ? "-" : fmt((Double) s.get("tieRedMean")),
                (Double) s.get("answerRedMean"),
                s.get("tiesAdding"),
                s.get("answersAdding")));
        return out.toString();
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        long found = rows.stream().filter(r -> r.path().found()).count();
        m.put("tiesFound", found);
        m.put("pathNearer", rows.stream().filter(Row::pathNearer).count());
        m.put(
                "tieRedMean",
                found == 0
                        ? null
                        : rows.stream()
                                .filter(r -> r.path().found())
                                .mapToDouble(r -> r.path().redInArtefact())
                                .average()
                                .orElse(0));
        m.put("answerRedMean", rows.stream().mapToDouble(Row::answerRed).average().orElse(0));
        m.put("tiesAdding", rows.stream().filter(r -> r.path().addsArtefact()).count());
        m.put("answersAdding", rows.stream().filter(Row::answerAdds).count());
        return m;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put("classifier", classifier);
        m.put("dataset", dataset);
        m.put("plant", plant);
        m.put("steps", ArtefactPath.STEPS);
        m.putAll(summary());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("imageId", r.path().imageId());
            row.put("trueClass", r.path().trueClass());
            row.put("segmentLength", r.path().segmentLength());
            row.put("tieDistance", r.path().found() ? r.path().tieDistance() : null);
            row.put("tieRedInArtefact", r.path().found() ? r.path().redInArtefact() : null);
            row.put("tieAddsArtefact", r.path().addsArtefact());
            row.put("tieTopTwo", r.path().topTwo());
            row.put("answerDistance", r.answerDistance());
            row.put("answerRedInArtefact", r.answerRed());
            row.put("answerAddsArtefact", r.answerAdds());
            row.put("answerSatisfied", r.answerSatisfied());
            list.add(row);
        }
        m.put("images", list);
        return m;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
