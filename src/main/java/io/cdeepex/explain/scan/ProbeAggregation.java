package io.cdeepex.explain.scan;

import io.cdeepex.explain.Explanation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sums the explanations of one probe class into its {@link ProbeAggregate}. */
final class ProbeAggregation {
    private ProbeAggregation() {}

    static ProbeAggregate of(int probe, List<Explanation> answers, double threshold) {
        Explanation first = answers.get(0);
        int h = first.height();
        int w = first.width();
        int n = answers.size();
        float[] red = new float[h * w];
        float[] blue = new float[h * w];
        float[] added = new float[h * w];
        float[] removed = new float[h * w];
        Map<Integer, float[]> redBy = new HashMap<>();
        Map<Integer, float[]> blueBy = new HashMap<>();
        Map<Integer, Integer> count = new HashMap<>();
        int satisfied = 0;
        for (Explanation e : answers) {
            if (e.satisfied()) satisfied++;
            float[] r = redBy.computeIfAbsent(e.trueClass(), c -> new float[h * w]);
            float[] b = blueBy.computeIfAbsent(e.trueClass(), c -> new float[h * w]);
            count.merge(e.trueClass(), 1, Integer::sum);
            float[] d = e.difference();
            for (int i = 0; i < h * w; i++) {
                float pos = Math.max(d[i], 0);
                float neg = Math.max(-d[i], 0);
                red[i] += pos / n;
                blue[i] += neg / n;
                r[i] += pos;
                b[i] += neg;
                if (d[i] > threshold) added[i] += 1f / n;
                if (d[i] < -threshold) removed[i] += 1f / n;
            }
        }
        for (Map.Entry<Integer, Integer> c : count.entrySet()) {
            float[] r = redBy.get(c.getKey());
            float[] b = blueBy.get(c.getKey());
            for (int i = 0; i < h * w; i++) {
                r[i] /= c.getValue();
                b[i] /= c.getValue();
            }
        }
        return new ProbeAggregate(probe, h, w, n, satisfied, red, blue, added, removed, redBy, blueBy);
    }
}
