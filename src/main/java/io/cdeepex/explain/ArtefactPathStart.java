package io.cdeepex.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The {@code artefactPathStarts} strategy: for each question whose probe is the class the given artefact (a card's
 * plant, or a scan's finding) pushes toward, the first tie on the segment from z0 to the inversion of the same image
 * with the artefact ({@link ArtefactPath}); nothing elsewhere and where the segment has no tie. It costs one more
 * inversion and the walk of the segment for each such question.
 */
final class ArtefactPathStart implements StartStrategy {

    @Override
    public Slot slot() { return Slot.LAST; }

    @Override
    public List<List<float[]>> propose(StartContext context) {
        QuestionResolver.Resolved q = context.questions();
        int n = q.size();
        List<List<float[]>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(List.of());
        Artefact artefact = artefact(context);
        int artefactClass = artefact.targetClass().getAsInt();
        int[] asked = IntStream.range(0, n).filter(i -> q.probeClass()[i] == artefactClass).toArray();
        if (asked.length == 0) return out;
        var in = context.imageShape();
        float[][] planted = new float[asked.length][];
        for (int j = 0; j < asked.length; j++) {
            planted[j] = artefact.applyTo(q.images()[asked[j]], (int) in.get(0), (int) in.get(1), (int) in.get(2));
        }
        SolverSettings.Inversion inversion = context.settings().inversion();
        LatentPipeline pipeline = context.pipeline();
        float[][] z1 = Inversion.run(pipeline, context.base(), planted, in, inversion, context.random()).z0();
        int inversionRows = inversion.starts() + (pipeline.generator().encoder().isPresent() ? 1 : 0);
        for (int j = 0; j < asked.length; j++) {
            int i = asked[j];
            ArtefactPath.Point tie = ArtefactPath.firstTie(pipeline, context.base(), context.z0()[i], z1[j],
                    context.residual()[i], in, q.trueClass()[i], q.probeClass()[i]);
            if (tie != null) out.set(i, List.of(tie.z()));
            context.passes()[i] += ArtefactPath.STEPS + 2L * inversion.steps() * inversionRows;
        }
        return out;
    }

    /** The artefact the caller gave, with the class it was planted on. */
    private static Artefact artefact(StartContext context) {
        Artefact plant = context.artefact();
        String classifier = context.pipeline().classifier().name();
        if (plant == null) {
            throw new IllegalArgumentException("solver setting 'artefactPathStarts' is on, but no artefact was given"
                    + " for classifier " + classifier + ": its card names no planted artefact (plant: square:class=N,"
                    + "...) and no scan finding was given");
        }
        if (plant.targetClass().isEmpty()) {
            throw new IllegalArgumentException("solver setting 'artefactPathStarts' is on, but the artefact '"
                    + plant.describe() + "' given for classifier " + classifier + " names no class (class=N)");
        }
        return plant;
    }
}
