package io.cdeepex.shard;

import io.cdeepex.junit.ModelAudit;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.util.Optional;

/**
 * Keeps only this CI job's share of the audits when {@link Shard#PROPERTY} names a shard: YAML audit cases (keyed
 * by {@link ShardKeyed}) and the test methods of {@link ModelAudit} classes (keyed by class and method, so every
 * invocation of a parameterized audit stays together). Other tests are left alone: they are not ours to split.
 *
 * <p>The others' tests are removed from the test plan, as Gradle, Jest or Playwright sharding does, rather than
 * reported as skipped: each job's JUnit XML and Allure results then hold only the tests it ran, and merging the
 * jobs' results gives every test once (a skipped copy from each other job would otherwise become a retry of the
 * real result in a merged Allure report, and could even be shown as the result).
 *
 * <p>Registered with the JUnit Platform Launcher through {@code META-INF/services} (Surefire, Gradle, IDEs and
 * {@code cdeepex audit} all use it). A post-discovery filter sees no configuration, so the launcher's discovery
 * listener below hands the request's configuration parameters over for the discovery in progress; without one
 * (a launcher that does not auto-register discovery listeners) the system property is read.
 */
public final class ShardFilter implements PostDiscoveryFilter {
    private static final ThreadLocal<ConfigurationParameters> DISCOVERING = new ThreadLocal<>();
    /** The shard given to the constructor; null: the one the discovery's configuration names, if any. */
    private final Shard given;

    /** The filter the launcher loads: the shard comes from the configuration of the discovery in progress. */
    public ShardFilter() {
        this.given = null;
    }

    /** A filter for one shard, for a launcher request built by hand. */
    public ShardFilter(Shard shard) {
        this.given = java.util.Objects.requireNonNull(shard, "shard");
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<Shard> shard = shard();
        if (shard.isEmpty()) return FilterResult.included("no shard selected");
        Optional<String> key = keyOf(descriptor);
        if (key.isEmpty()) return FilterResult.included("not an audit: not sharded");
        int home = Shard.of(key.get(), shard.get().count());
        return home == shard.get().index()
                ? FilterResult.included("in shard " + shard.get())
                : FilterResult.excluded("in shard " + home + "/" + shard.get().count() + ", not " + shard.get());
    }

    private Optional<Shard> shard() {
        if (given != null) return Optional.of(given);
        ConfigurationParameters configuration = DISCOVERING.get();
        if (configuration != null) return Shard.from(configuration::get);
        return Shard.parse(System.getProperty(Shard.PROPERTY), "system property " + Shard.PROPERTY);
    }

    /** The shard key of an audit test: its own for YAML cases, class#method(parameter types) for @ModelAudit. */
    static Optional<String> keyOf(TestDescriptor descriptor) {
        if (descriptor instanceof ShardKeyed keyed) return Optional.of(keyed.shardKey());
        if (descriptor.getSource().orElse(null) instanceof MethodSource m && isModelAudit(m)) {
            return Optional.of(m.getClassName() + "#" + m.getMethodName() + "(" + m.getMethodParameterTypes() + ")");
        }
        return Optional.empty();
    }

    private static boolean isModelAudit(MethodSource source) {
        Class<?> type;
        try {
            type = source.getJavaClass();
        } catch (RuntimeException | LinkageError e) {
            return false; // not loadable here: not one of ours
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, ModelAudit.class)) return true;
        }
        return false;
    }

    /** Hands each discovery's configuration parameters to the filters of the same discovery (same thread). */
    public static final class Configuration implements LauncherDiscoveryListener {
        @Override
        public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
            DISCOVERING.set(request.getConfigurationParameters());
        }

        @Override
        public void launcherDiscoveryFinished(LauncherDiscoveryRequest request) {
            DISCOVERING.remove();
        }
    }
}
