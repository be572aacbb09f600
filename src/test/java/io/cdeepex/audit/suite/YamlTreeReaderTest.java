package io.cdeepex.audit.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class YamlTreeReaderTest {
    private static final Path FILE = Path.of("suite.yaml");

    private static YamlNode read(String yaml, Problems problems) {
        return YamlTreeReader.read(yaml, problems);
    }

    private static AuditSuiteException failure(String yaml) {
        return catchThrowableOfType(AuditSuiteException.class, () -> {
            Problems p = new Problems(FILE);
            read(yaml, p);
            p.throwIfAny();
        });
    }

    @Test
    void valuesKeepTheirLineAndColumn() {
        YamlNode.Mapping root = (YamlNode.Mapping) read("a: 1\nlist:\n  - x\n  - {k: v}\n", new Problems(FILE));

        assertThat(root.entries().get("a").value().position()).isEqualTo(new Position(1, 4));
        assertThat(root.entries().get("list").keyPosition()).isEqualTo(new Position(2, 1));
        YamlNode.Sequence list = (YamlNode.Sequence) root.entries().get("list").value();
        assertThat(list.items().get(1).position()).isEqualTo(new Position(4, 5));
        assertThat(((YamlNode.Scalar) list.items().get(0)).text()).isEqualTo("x");
    }

    @Test
    void aliasesAreExpandedNotReadAsTheAnchorName() {
        YamlNode.Mapping root = (YamlNode.Mapping) read("base: &fast {innerSteps: 3}\nsolver: *fast\n",
                new Problems(FILE));

        assertThat(root.entries().get("solver").value()).isInstanceOf(YamlNode.Mapping.class);
        assertThat(((YamlNode.Mapping) root.entries().get("solver").value()).entries()).containsKey("innerSteps");
    }

    @Test
    void mergeKeysMergeAndExplicitKeysWin() {
        YamlNode.Mapping root = (YamlNode.Mapping) read(
                "d: &d {a: 1, b: 2}\nm:\n  <<: *d\n  b: 3\n", new Problems(FILE));

        YamlNode.Mapping m = (YamlNode.Mapping) root.entries().get("m").value();
        assertThat(m.entries().keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(((YamlNode.Scalar) m.entries().get("b").value()).text()).isEqualTo("3");
    }

    @Test
    void anUndefinedAliasIsAProblem() {
        AuditSuiteException e = failure("a: *nowhere\n");

        assertThat(e.first().position()).isEqualTo(new Position(1, 4));
        assertThat(e.first().field()).isEqualTo("a");
        assertThat(e.getMessage()).contains("alias *nowhere refers to no anchor");
    }

    @Test
    void moreThanFiftyAliasesToCollectionsStopReading() {
        String aliases = IntStream.range(0, 51).mapToObj(i -> "*l").collect(Collectors.joining(", "));
        AuditSuiteException e = failure("l: &l [1]\nmany: [" + aliases + "]\n");

        assertThat(e.first().position()).isEqualTo(new Position(2, 8 + 4 * 50));
        assertThat(e.first().field()).isEqualTo("many[50]");
        assertThat(e.getMessage()).contains("more than 50 aliases", "billion laughs");
    }

    @Test
    void duplicateKeysAreProblemsNotLastOneWins() {
        AuditSuiteException e = failure("a: 1\nb: 2\na: 3\n");

        assertThat(e.first().position()).isEqualTo(new Position(3, 1));
        assertThat(e.getMessage()).contains("key 'a' appears twice", "first at line 1, column 1");
    }

    @Test
    void emptyFilesAndSecondDocumentsAreProblems() {
        assertThat(failure("").getMessage()).contains("the file is empty");
        assertThat(failure("# only a comment\n").getMessage()).contains("the file is empty");
        AuditSuiteException two = failure("a: 1\n---\nb: 2\n");
        assertThat(two.first().position().line()).isEqualTo(3);
        assertThat(two.getMessage()).contains("a second YAML document");
    }

    @Test
    void tabsGetAHint() {
        AuditSuiteException e = failure("a:\n\tb: 1\n");

        assertThat(e.first().position().line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("tabs");
    }

    @Test
    void aScalarAliasIsTheAnchoredScalar() {
        Problems problems = new Problems(FILE);
        YamlNode.Mapping root = (YamlNode.Mapping) read("suite: &s qa\ntags: [*s, *s]\n", problems);

        assertThat(problems.isEmpty()).as("problems: %s", problems).isTrue();
        YamlNode.Sequence tags = (YamlNode.Sequence) root.entries().get("tags").value();
        assertThat(tags.items()).extracting(n -> ((YamlNode.Scalar) n).text()).containsExactly("qa", "qa");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard; the message is asserted
    void tensOfThousandsOfScalarAliasesStopReadingWithOneClearProblem() {
        String aliases = IntStream.range(0, 85_000).mapToObj(i -> "*s").collect(Collectors.joining(", "));
        AuditSuiteException e = failure("a: &s x\nmany: [" + aliases + "]\n");

        assertThat(e.problems()).hasSize(1);
        assertThat(e.first().field()).isEqualTo("many[" + "1000]");
        assertThat(e.getMessage()).contains("more than 1000 aliases (here *s)",
                "suites allow at most " + 1000);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tensOfThousandsOfUndefinedAliasesStopReadingToo() {
        String aliases = IntStream.range(0, 85_000).mapToObj(i -> "*nowhere").collect(Collectors.joining(", "));
        AuditSuiteException e = failure("many: [" + aliases + "]\n");

        assertThat(e.getMessage()).contains("alias *nowhere refers to no anchor",
                "more than 1000 aliases");
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void aFileWithHundredsOfProblemsListsTheFirstHundredAndCountsTheRest() {
        String keys = IntStream.range(0, 250).mapToObj(i -> "k" + i + ": 1\nk" + i + ": 2\n")
                .collect(Collectors.joining());
        AuditSuiteException e = failure(keys);

        assertThat(e.problems()).hasSize(100);
        assertThat(e.getMessage()).contains("(250 problems)", "… and 150 more problems, not listed");
    }
}
