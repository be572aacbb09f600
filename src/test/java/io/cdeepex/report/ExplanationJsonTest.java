package io.cdeepex.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdeepex.explain.Constraint;
import io.cdeepex.explain.Explanation;
import io.cdeepex.explain.StopReason;
import io.cdeepex.explain.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExplanationJsonTest {
    /** Jackson's defaults reject NaN/Infinity tokens: parsing with them proves the output is strict JSON. */
    private static final ObjectMapper STRICT = new ObjectMapper();

    private static Explanation withNonFinite() {
        Explanation d = SyntheticExplanations.digit("mnist#5");
        float[] difference = d.difference().clone();
        difference[0] = Float.NaN;
        difference[1] = Float.POSITIVE_INFINITY;
        float[] after = d.after().clone();
        after[0] = Float.NaN;
        Trace trace = new Trace(new int[] {0, 1}, new float[] {0.9f, Float.NaN}, new float[] {0.1f, 0.2f},
                new float[] {Float.NEGATIVE_INFINITY, 0f});
        List<Constraint> constraints =
                List.of(new Constraint("equality", Constraint.Kind.EQUALITY, -1, Double.NaN, false));
        return new Explanation(d.imageId(), d.method(), d.trueClass(), d.probeClass(), 1, 28, 28, d.input(),
                d.reconstruction(), d.probeSide(), d.probeSideCorrected(), difference, d.before(), after, constraints,
                false, StopReason.DIVERGED, Double.NaN, Double.POSITIVE_INFINITY, 3, 7, trace, 0, -1, null);
    }

    @Test
    void hasEveryRequiredKeyWithTheRecordsValues() throws Exception {
        JsonNode json = STRICT.readTree(ExplanationJson.toJson(SyntheticExplanations.digit("mnist#12")));
        assertThat(json.fieldNames()).toIterable().contains("imageId", "method", "trueClass", "probeClass", "before",
                "after", "constraints", "satisfied", "stop", "latentDistance", "inversionError", "iterations", "millis",
                "difference", "trace");
        assertThat(json.get("imageId").asText()).isEqualTo("mnist#12");
        assertThat(json.get("method").asText()).isEqualTo("cdeepex");
        assertThat(json.get("trueClass").asInt()).isEqualTo(4);
        assertThat(json.get("probeClass").asInt()).isEqualTo(9);
        assertThat(json.get("before")).hasSize(10);
        assertThat(json.get("after").get(4).asDouble()).isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(json.get("satisfied").asBoolean()).isTrue();
        assertThat(json.get("stop").asText()).isEqualTo("CONVERGED");
        assertThat(json.get("latentDistance").asDouble()).isEqualTo(1.25);
        assertThat(json.get("iterations").asInt()).isEqualTo(120);
        assertThat(json.get("millis").asLong()).isEqualTo(35);

        JsonNode constraint = json.get("constraints").get(1);
        assertThat(constraint.get("name").asText()).isEqualTo("true>7");
        assertThat(constraint.get("kind").asText()).isEqualTo("TRUE_OVER_OTHER");
        assertThat(constraint.get("otherClass").asInt()).isEqualTo(7);
        assertThat(constraint.get("value").asDouble()).isEqualTo(1.5);
        assertThat(constraint.get("holds").asBoolean()).isTrue();

        JsonNode trace = json.get("trace");
        assertThat(trace.get("iterations")).hasSize(4);
        assertThat(trace.get("true").get(3).floatValue()).isEqualTo(0.45f);
        assertThat(trace.get("probe")).hasSize(4);
        assertThat(trace.get("other")).hasSize(4);
    }

    @Test
    void differenceIsHeightRowsOfWidthValuesWithPositiveMeaningAdded() throws Exception {
        float[] difference = new float[3 * 5];
        difference[1 * 5 + 4] = 0.75f;   // row 1, column 4
        difference[2 * 5 + 0] = -0.25f;  // row 2, column 0
        Explanation e = SyntheticExplanations.grey("small", 3, 5, new float[15], difference);
        JsonNode map = STRICT.readTree(ExplanationJson.toJson(e)).get("difference");
        assertThat(map).hasSize(3);
        for (JsonNode row : map) assertThat(row).hasSize(5);
        assertThat(map.get(1).get(4).floatValue()).isEqualTo(0.75f);
        assertThat(map.get(2).get(0).floatValue()).isEqualTo(-0.25f);
        assertThat(map.get(0).get(0).floatValue()).isZero();
    }

    @Test
    void nonFiniteNumbersBecomeNullAndTheTextIsStrictJson() throws Exception {
        String text = ExplanationJson.toJson(withNonFinite());
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode json = STRICT.readTree(text);
        assertThat(json.get("difference").get(0).get(0).isNull()).isTrue();
        assertThat(json.get("difference").get(0).get(1).isNull()).isTrue();
        assertThat(json.get("difference").get(0).get(6).isNumber()).isTrue();
        assertThat(json.get("after").get(0).isNull()).isTrue();
        assertThat(json.get("latentDistance").isNull()).isTrue();
        assertThat(json.get("inversionError").isNull()).isTrue();
        assertThat(json.get("constraints").get(0).get("value").isNull()).isTrue();
        assertThat(json.get("trace").get("true").get(1).isNull()).isTrue();
        assertThat(json.get("trace").get("other").get(0).isNull()).isTrue();
        assertThat(json.get("stop").asText()).isEqualTo("DIVERGED");
    }

    @Test
    void listVariantWritesAnArrayAndFilesReadBack(@TempDir Path dir) throws Exception {
        List<Explanation> list = List.of(SyntheticExplanations.digit("a"), withNonFinite());
        JsonNode array = STRICT.readTree(ExplanationJson.toJson(list));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        assertThat(array.get(1).get("imageId").asText()).isEqualTo("mnist#5");

        Path one = dir.resolve("nested/one.json");
        ExplanationJson.write(list.get(0), one);
        assertThat(STRICT.readTree(Files.readString(one)).get("imageId").asText()).isEqualTo("a");
        Path all = dir.resolve("all.json");
        ExplanationJson.write(list, all);
        assertThat(STRICT.readTree(all.toFile())).hasSize(2);
    }

    @Test
    void classNamesAppearAsLabels() throws Exception {
        JsonNode json = STRICT.readTree(ExplanationJson.toJson(
                SyntheticExplanations.digit("f"),
                ClassLabels.of(List.of(
                        "t-shirt",
                        "trouser",
                        "pullover",
                        "dress",
                        "coat",
                        "sandal",
                        "shirt",
                        "sneaker",
                        "bag",
                        "ankle boot"))));
        assertThat(json.get("trueLabel").asText()).isEqualTo("coat");
        assertThat(json.get("probeLabel").asText()).isEqualTo("ankle boot");
    }
}
