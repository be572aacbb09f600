package io.cdeepex.model;

/**
 * DJL settings the library relies on, applied before DJL's engine starts, so that a project depending on the library
 * needs no system properties of its own. Offline mode: the libtorch natives come as a Maven dependency and models from
 * disk, so DJL must neither download natives at run time (a missing native is an error naming it, not a download
 * behind the user's back) nor contact a metadata service when it starts. A value the user set, as the system property
 * or as DJL's environment variable, is kept.
 */
public final class DjlDefaults {
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** DJL reads this environment variable before the system property. */
    static final String OFFLINE_ENV = "DJL_OFFLINE";

    private DjlDefaults() {}

    /** Turns DJL's offline mode on unless the system property or the environment variable already decides it. */
    public static void apply() {
        apply(System.getenv(OFFLINE_ENV));
    }

    static void apply(String environmentValue) {
        if (environmentValue == null && System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }
}
