package io.cdeepex.audit.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Best effort: the tags a suite file declares (suite and case {@code tags}) even when it does not validate, so that
 * the failing node of a broken file can still be selected by tag.
 */
public final class DeclaredTags {
    private DeclaredTags() {}

    /** The trimmed tag texts in file order, duplicates included; none for an unreadable file. */
    public static List<String> in(Path file) {
        List<String> tags = new ArrayList<>();
        try {
            YamlNode root = YamlTreeReader.read(Files.readString(file), new Problems(file));
            if (root instanceof YamlNode.Mapping m) {
                addTags(m, tags);
                YamlNode.Entry cases = m.entries().get("cases");
                if (cases != null && cases.value() instanceof YamlNode.Sequence s) {
                    for (YamlNode c : s.items()) if (c instanceof YamlNode.Mapping cm) addTags(cm, tags);
                }
            }
        } catch (RuntimeException | IOException ignored) {
            // unreadable: no tags; the failing node still carries the full error
        }
        return tags;
    }

    private static void addTags(YamlNode.Mapping m, List<String> tags) {
        YamlNode.Entry e = m.entries().get("tags");
        if (e == null) return;
        List<YamlNode> items = e.value() instanceof YamlNode.Sequence s ? s.items() : List.of(e.value());
        for (YamlNode n : items) {
            if (n instanceof YamlNode.Scalar sc) tags.add(sc.text().trim());
        }
    }
}
