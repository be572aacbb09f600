package io.cdeepex.audit.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdeepex.metrics.Metric;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schema users validate against says what the loader accepts: same keys, same metrics. */
class SuiteSchemaTest {
    private static final JsonNode SCHEMA = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("audits/schema/audit-suite.schema.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.get("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode def(String name) {
        return SCHEMA.get("$defs").get(name);
    }

    @Test
    void everyObjectHasTheLoadersKeys() {
        assertThat(keys(SCHEMA)).isEqualTo(new TreeSet<>(SuiteLoader.SUITE_KEYS));
        assertThat(keys(def("case"))).isEqualTo(new TreeSet<>(SuiteLoader.CASE_KEYS));
        assertThat(keys(def("side").get("oneOf").get(1))).isEqualTo(new TreeSet<>(SuiteLoader.SIDE_KEYS));
        assertThat(keys(def("sampleSet"))).isEqualTo(new TreeSet<>(SuiteLoader.SAMPLE_KEYS));
        assertThat(keys(def("question"))).isEqualTo(new TreeSet<>(SuiteLoader.QUESTION_KEYS));
        assertThat(keys(def("scan"))).isEqualTo(new TreeSet<>(SuiteLoader.SCAN_KEYS));
        assertThat(keys(def("expectation"))).isEqualTo(new TreeSet<>(SuiteLoader.EXPECT_KEYS));
        assertThat(keys(def("region"))).isEqualTo(new TreeSet<>(SuiteLoader.REGION_KEYS));
        assertThat(keys(def("solver"))).isEqualTo(new TreeSet<>(SolverOverrides.keys()));
    }

    @Test
    void theMetricListIsTheLoaders() {
        Set<String> metrics = new TreeSet<>();
        def("expectation").get("properties").get("metric").get("enum").forEach(m -> metrics.add(m.asText()));
        assertThat(metrics).isEqualTo(new TreeSet<>(Metric.ids()));
    }

    @Test
    void aScanCaseTakesNoExplanationMetricAndOnlyAScanCaseTakesScanMetrics() {
        assertThat(metricsRefused(def("case").get("then"))).isEqualTo(idsOf(Metric.Source.EXPLANATIONS));
        assertThat(metricsRefused(def("case").get("else"))).isEqualTo(idsOf(Metric.Source.SCAN));
    }

    private static Set<String> metricsRefused(JsonNode branch) {
        Set<String> out = new TreeSet<>();
        branch.get("properties").get("expect").get("items").get("properties").get("metric").get("not").get("enum")
                .forEach(m -> out.add(m.asText()));
        return out;
    }

    private static Set<String> idsOf(Metric.Source source) {
        Set<String> out = new TreeSet<>();
        for (Metric m : Metric.values()) if (m.source() == source) out.add(m.id());
        return out;
    }

    @Test
    void everyObjectRejectsUnknownKeys() {
        for (JsonNode object : new JsonNode[] {SCHEMA, def("case"), def("sampleSet"), def("question"),
                def("expectation"), def("region"), def("solver"), def("side").get("oneOf").get(1), def("scan")}) {
            assertThat(object.get("additionalProperties").asBoolean(true)).isFalse();
        }
    }
}
