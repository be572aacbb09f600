package io.cdeepex.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The failure categories of an audit report ({@code categories.json} in the Allure results): constraint not
 * satisfied, regression vs baseline, broken suite, model load failure. Each matches the status and the messages
 * the audits produce; a failure none of them matches stays in Allure's default "Product defects" / "Test
 * defects". A {@code categories.json} at the root of a project's test class path replaces this one when the
 * report is built with allure-maven (it copies that file over the results' one).
 */
public final class AllureCategories {
    public static final String FILE_NAME = "categories.json";
    private static final String RESOURCE = "categories.json";

    private AllureCategories() {}

    /** The categories as JSON, as Allure reads them. */
    public static String json() {
        try (InputStream in = AllureCategories.class.getResourceAsStream(RESOURCE)) {
            if (in == null)
                throw new IllegalStateException("io/cdeepex/report/" + RESOURCE + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/cdeepex/report/" + RESOURCE, e);
        }
    }

    /** Writes {@link #FILE_NAME} into an Allure results directory. */
    static void writeTo(Path resultsDirectory) throws IOException {
        Files.writeString(resultsDirectory.resolve(FILE_NAME), json());
    }
}
