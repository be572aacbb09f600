package io.cdeepex.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.util.ResultsUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which of our report categories a failure lands in, the way Allure puts it there: the status and the message and
 * trace as Allure's JUnit Platform listener records them from the test's throwable ({@link ResultsUtils}), each
 * category's {@code matchedStatuses}, {@code messageRegex} and {@code traceRegex} all holding, a regex matching the
 * whole text with DOTALL (Allure 2's CategoriesPlugin, checked against the real report in
 * docs/experiments/allure-report.md).
 */
public final class ReportCategories {
    private ReportCategories() {}

    /** The names of the categories a failure with this throwable falls into (empty: Allure's defaults). */
    public static List<String> of(Throwable failure) {
        Status status = ResultsUtils.getStatus(failure).orElseThrow();
        StatusDetails details = ResultsUtils.getStatusDetails(failure).orElseThrow();
        List<String> names = new ArrayList<>();
        for (JsonNode c : categories()) {
            boolean statusMatches = false;
            for (JsonNode s : c.path("matchedStatuses")) statusMatches |= s.asText().equals(status.value());
            if (statusMatches && matches(c.get("messageRegex"), details.getMessage())
                    && matches(c.get("traceRegex"), details.getTrace())) {
                names.add(c.get("name").asText());
            }
        }
        return names;
    }

    private static boolean matches(JsonNode regex, String text) {
        if (regex == null) return true;
        return text != null && Pattern.compile(regex.asText(), Pattern.DOTALL).matcher(text).matches();
    }

    private static JsonNode categories() {
        try {
            return new ObjectMapper().readTree(AllureCategories.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
