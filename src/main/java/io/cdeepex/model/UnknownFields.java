package io.cdeepex.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.cdeepex.text.DidYouMean;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Collects every unknown field of one card while Jackson reads it, so the user sees all typos at once (each with the
 * known name it is nearest to), not only the first.
 */
final class UnknownFields extends DeserializationProblemHandler {
    private record Unknown(String path, int line, String suggestion, Collection<String> known) {}

    private final List<Unknown> found = new ArrayList<>();

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        Collection<String> known = new TreeSet<>();
        for (Object id : deserializer.getKnownPropertyNames()) known.add(id.toString());
        String suggestion = DidYouMean.suggest(propertyName, known).orElse(null);
        found.add(new Unknown(path(p.getParsingContext(), propertyName), p.currentTokenLocation().getLineNr(),
                suggestion, known));
        p.skipChildren();
        return true;
    }

    /** Throws one exception listing every unknown field, if there was any. */
    void throwIfAny(Path file) {
        if (found.isEmpty()) return;
        String list = found.stream().map(u -> "'" + u.path() + "' at line " + u.line()
                        + (u.suggestion() == null ? "" : " (did you mean '" + u.suggestion() + "'?)"))
                .collect(Collectors.joining("; "));
        Unknown first = found.get(0);
        String known = "; known fields" + (first.path().contains(".") ? " there" : "") + ": "
                + String.join(", ", first.known());
        if (found.size() == 1) {
            throw new ModelCardException(file, first.path(), "unknown field at line " + first.line()
                    + (first.suggestion() == null ? "" : "; did you mean '" + first.suggestion() + "'?") + known);
        }
        throw new ModelCardException(file, null, found.size() + " unknown fields: " + list
                + "; known fields: " + String.join(", ", topLevelKnown()));
    }

    private Collection<String> topLevelKnown() {
        return found.stream().filter(u -> !u.path().contains(".")).findFirst().map(Unknown::known)
                .orElse(found.get(0).known());
    }

    /** "normalization.meen" for a field inside a nested mapping; just the name at the top level. */
    private static String path(JsonStreamContext context, String name) {
        StringBuilder path = new StringBuilder(name);
        // The parser stands on the field's value: step out of it (an array or mapping) to the mapping holding it.
        JsonStreamContext holder = context.inObject() && name.equals(context.getCurrentName()) ? context
                : context.getParent();
        for (JsonStreamContext c = holder.getParent(); c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) path.insert(0, c.getCurrentName() + ".");
        }
        return path.toString();
    }
}
