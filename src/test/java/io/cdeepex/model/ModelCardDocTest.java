package io.cdeepex.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/model-card.md lists exactly the fields the card reader accepts, nested ones as {@code parent.child}. */
class ModelCardDocTest {
    private static final Path DOC = Path.of("docs", "model-card.md");
    /** A row of the fields table: "| `field` | ...". */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z.]+)` \\|", Pattern.MULTILINE);

    @Test
    void theReferenceListsEveryFieldTheReaderAcceptsAndNoOther() throws Exception {
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = ROW.matcher(Files.readString(DOC));
        while (m.find()) documented.add(m.group(1));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(accepted(ModelCard.class, ""));
    }

    @Test
    void theFieldsFoundIncludeTheNestedOnes() {
        // The walk below is what the first test trusts: it must reach into normalization.
        assertThat(accepted(ModelCard.class, "")).contains("kind", "normalization", "normalization.mean",
                "normalization.std", "metrics");
    }

    /** The properties Jackson binds for a card type; a nested card type (not a list or map) adds its own. */
    private static Set<String> accepted(Class<?> type, String prefix) {
        ObjectMapper mapper = new ObjectMapper();
        JavaType javaType = mapper.constructType(type);
        Set<String> names = new LinkedHashSet<>();
        for (BeanPropertyDefinition p : mapper.getDeserializationConfig().introspect(javaType).findProperties()) {
            if (!p.couldDeserialize()) continue;
            names.add(prefix + p.getName());
            Class<?> raw = p.getRawPrimaryType();
            if (raw.getEnclosingClass() == ModelCard.class && !raw.isEnum()) {
                names.addAll(accepted(raw, prefix + p.getName() + "."));
            }
        }
        return names;
    }
}
