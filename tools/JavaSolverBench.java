import ai.djl.Device;
import io.cdeepex.data.Datasets;
import io.cdeepex.data.ImageSet;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.Question;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.Classifier;
import io.cdeepex.model.Generator;
import io.cdeepex.model.ModelLoader;

import java.nio.file.Path;

/**
 * The Java side of tools/bench_reference.sh: images 0..N-1 of a dataset, one question each (true = predicted,
 * probe = runner-up), each solved alone by {@code Explainer.explain(question)} with SolverSettings.defaults();
 * prints one line per question in the format of tools/reference_alm.py. Run with the jar on the class path:
 * {@code java -cp target/cdeepex.jar tools/JavaSolverBench.java CLASSIFIER_DIR GENERATOR_DIR DATASET N}.
 */
public class JavaSolverBench {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: JavaSolverBench CLASSIFIER_DIR GENERATOR_DIR DATASET QUESTIONS");
            System.exit(2);
        }
        int n = Integer.parseInt(args[3]);
        ImageSet images = Datasets.load(args[2]);
        Device cpu = Device.cpu();
        try (Classifier c = ModelLoader.loadClassifier(Path.of(args[0]), cpu);
             Generator g = ModelLoader.loadGenerator(Path.of(args[1]), cpu)) {
            Explainer explainer = new Explainer(c, g, SolverSettings.defaults(), cpu);
            System.out.printf("java solver: %s + %s, %d questions%n", args[0], args[1], n);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                Explanation e = explainer.explain(Question.of(images, i));
                double ms = (System.nanoTime() - t0) / 1e6;
                System.out.printf("  q%d: %d vs %d satisfied=%s stop=%s distance=%.3f iterations=%d ms=%.0f%n", i,
                        e.trueClass(), e.probeClass(), e.satisfied() ? "True" : "False", e.stop(), e.latentDistance(),
                        e.iterations(), ms);
            }
        }
    }
}
