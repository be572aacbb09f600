package io.cdeepex.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The one binder of named solver settings, and the docs and the suite schema that describe the same names. */
class SolverSettingsBinderTest {

    private static SolverSettingsBinder.Result bind(Object... nameValue) {
        List<SolverSettingsBinder.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            entries.add(new SolverSettingsBinder.Entry((String) nameValue[i], nameValue[i + 1], "at " + i / 2));
        }
        return SolverSettingsBinder.bind(SolverSettings.defaults(), entries);
    }

    @Test
    void valuesReachTheirNestedFieldsByName() {
        SolverSettings s = bind("inversionSteps", "12", "eps", 0.3, "searchStarts", 3, "artefactPathStarts", "true",
                "seed", 7L, "method", "xgems", "limeSamples", 20.0).settings().orElseThrow();
        assertThat(s.inversion().steps()).isEqualTo(12);
        assertThat(s.search().eps()).isEqualTo(0.3);
        assertThat(s.starts().count()).isEqualTo(3);
        assertThat(s.starts().artefactPath()).isTrue();
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.method()).isEqualTo(Method.XGEMS);
        assertThat(s.baselines().limeSamples()).as("a whole number written as 20.0 counts").isEqualTo(20);
        assertThat(s.search().innerSteps()).as("not named: default").isEqualTo(25);
        assertThat(bind("eps", 0.3, "eps", 0.4).settings().orElseThrow().search().eps()).as("later wins")
                .isEqualTo(0.4);
    }

    @Test
    void everyBadValueIsReportedAtTheValueThatSetIt() {
        SolverSettingsBinder.Result r = bind("eps", -1, "innerSteps", 0, "igBaseline", 2);
        assertThat(r.settings()).isEmpty();
        assertThat(r.problems()).extracting(p -> p.entry().origin(), SolverSettingsBinder.Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("at 0", "solver setting 'eps' must be >= 0, got -1"),
                        org.assertj.core.groups.Tuple.tuple("at 1", "solver setting 'innerSteps' must be >= 1, got 0"),
                        org.assertj.core.groups.Tuple.tuple("at 2",
                                "solver setting 'igBaseline' must be in [0, 1], got 2"));
    }

    @Test
    void wrongNamesAndTypesAreNamedWithWhatWasExpected() {
        SolverSettingsBinder.Result r = bind("innerStep", 3, "innerSteps", 2.5, "eps", "lots", "artefactPathStarts", 1);
        assertThat(r.problems()).extracting(SolverSettingsBinder.Problem::kind).containsExactly(
                SolverSettingsBinder.Problem.Kind.UNKNOWN_NAME, SolverSettingsBinder.Problem.Kind.WRONG_TYPE,
                SolverSettingsBinder.Problem.Kind.WRONG_TYPE, SolverSettingsBinder.Problem.Kind.WRONG_TYPE);
        assertThat(r.problems()).extracting(SolverSettingsBinder.Problem::message).containsExactly(
                "unknown solver setting 'innerStep'; expected one of " + SolverSetting.all().stream()
                        .map(SolverSetting::name).toList(),
                "solver setting 'innerSteps' is '2.5'; expected an integer",
                "solver setting 'eps' is 'lots'; expected a number",
                "solver setting 'artefactPathStarts' is '1'; expected true or false");
    }

    @Test
    void theAnswerSelectionIsReadByNameAndNeedsSeveralStarts() {
        assertThat(bind("searchStarts", 2, "answerSelection", "Sparsest").settings().orElseThrow().starts()
                .selection()).isEqualTo(AnswerSelection.SPARSEST);
        assertThat(bind("searchStarts", 2, "answerSelection", AnswerSelection.NEAREST).settings().orElseThrow()
                .starts().selection()).isEqualTo(AnswerSelection.NEAREST);
        assertThat(bind("answerSelection", "smallest").problems()).extracting(SolverSettingsBinder.Problem::message)
                .containsExactly("solver setting 'answerSelection' is 'smallest'; expected one of nearest, sparsest");
        assertThat(bind("answerSelection", "sparsest").problems()).extracting(SolverSettingsBinder.Problem::message)
                .containsExactly("solver setting 'answerSelection' (sparsest) chooses among search starts, but"
                        + " 'searchStarts' is 1: set it to 2 or more");
    }

    @Test
    void aRuleBetweenTwoSettingsIsReportedAtTheOneThatWasSet() {
        // searchStarts stays at its default 1: the walks set here are what breaks the rule
        SolverSettingsBinder.Result walks = bind("lineSearchDirections", 8);
        assertThat(walks.problems()).singleElement().satisfies(p -> {
            assertThat(p.entry().origin()).isEqualTo("at 0");
            assertThat(p.message()).isEqualTo("solver setting 'lineSearchDirections' (8) gives extra search starts,"
                    + " but 'searchStarts' is 1: set it to 2 or more");
        });
        // penaltyMax keeps its default 1e4; a start above it is the value at fault
        SolverSettingsBinder.Result penalty = bind("penaltyStart", 20000);
        assertThat(penalty.problems()).singleElement().satisfies(p -> {
            assertThat(p.entry().origin()).isEqualTo("at 0");
            assertThat(p.message()).isEqualTo("solver setting 'penaltyMax' must be >= penaltyStart (20000), got 10000");
        });
    }

    @Test
    void theDocsTableListsEverySettingWithItsTypeDefaultAndRange() throws IOException {
        String docs = Files.readString(Path.of("docs/writing-an-audit.md"));
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| (\\w+) \\| ([^|]+) \\| ([^|]+) \\|").matcher(docs);
        Map<String, String[]> rows = new LinkedHashMap<>();
        while (row.find()) {
            rows.put(row.group(1), new String[] {row.group(2), row.group(3).trim(), row.group(4).trim()});
        }
        SolverSettings d = SolverSettings.defaults();
        for (SolverSetting s : SolverSetting.all()) {
            assertThat(rows).as("docs row of " + s.name()).containsKey(s.name());
            String[] r = rows.get(s.name());
            String type = switch (s.type()) {
                case INTEGER, LONG -> "integer";
                case NUMBER -> "number";
                case BOOLEAN -> "boolean";
                case METHOD -> "method";
                case SELECTION -> "text";
            };
            assertThat(r[0]).as(s.name() + " type").isEqualTo(type);
            Object v = s.read(d);
            String shown = v instanceof Number n ? SolverSetting.shown(n.doubleValue()) : v instanceof Method m ? m.id()
                    : v instanceof AnswerSelection a ? a.id() : String.valueOf(v);
            assertThat(r[1]).as(s.name() + " default").isEqualTo(shown);
            if (s.type() == SolverSetting.Type.INTEGER || s.type() == SolverSetting.Type.NUMBER) {
                assertThat(r[2]).as(s.name() + " range").startsWith(s.range().toString());
            }
        }
    }

    @Test
    void theSuiteSchemaHasEverySettingsTypeAndRange() throws IOException {
        JsonNode solver = new ObjectMapper().readTree(Path.of("audits/schema/audit-suite.schema.json").toFile())
                .get("$defs").get("solver").get("properties");
        for (SolverSetting s : SolverSetting.all()) {
            if (s.type() == SolverSetting.Type.METHOD) continue;
            JsonNode p = solver.get(s.name());
            assertThat(p).as("schema property " + s.name()).isNotNull();
            if (s.type() == SolverSetting.Type.SELECTION) {
                assertThat(p.get("enum")).as(s.name() + " enum").extracting(JsonNode::asText)
                        .containsExactly(java.util.Arrays.stream(AnswerSelection.values()).map(AnswerSelection::id)
                                .toArray(String[]::new));
                continue;
            }
            assertThat(p.get("type").asText()).as(s.name()).isEqualTo(switch (s.type()) {
                case INTEGER, LONG -> "integer";
                case NUMBER -> "number";
                default -> "boolean";
            });
            SolverSetting.Range range = s.range();
            if (range.min() != Double.NEGATIVE_INFINITY) {
                String key = range.minOpen() ? "exclusiveMinimum" : "minimum";
                assertThat(p.get(key)).as(s.name() + " " + key).isNotNull();
                assertThat(p.get(key).asDouble()).as(s.name() + " " + key).isEqualTo(range.min());
            }
            if (range.max() != Double.POSITIVE_INFINITY) {
                assertThat(p.get("maximum").asDouble()).as(s.name() + " maximum").isEqualTo(range.max());
            }
        }
    }
}
