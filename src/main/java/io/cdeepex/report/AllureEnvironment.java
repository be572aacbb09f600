package io.cdeepex.report;

import io.cdeepex.explain.Method;
import io.cdeepex.explain.SolverSetting;
import io.cdeepex.explain.SolverSettings;
import io.cdeepex.model.DeviceChoice;
import io.cdeepex.model.ModelCard;
import io.cdeepex.model.ModelFingerprint;
import io.cdeepex.model.NativeKernelSelfCheck;
import io.qameta.allure.util.PropertiesUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What an audit run ran on, for the Environment panel of its Allure report ({@code environment.properties} in the
 * results directory): each model with its card fingerprint ({@link ModelFingerprint}), the devices, the DJL engine
 * and libtorch version, the oneDNN ISA cap, Java, OS and CPU, and the solver settings used (the defaults, or what
 * differs from them). The YAML engine and {@code @ModelAudit} record into the same instance per results
 * directory; the file is rewritten whenever something new is recorded, so that it holds everything even when the
 * run is cut short, and {@link AllureCategories} is written beside it. Writing never fails an audit: a problem is
 * logged.
 *
 * <p>Allure merges the environment files of several results directories (CI shards) key by key, listing each
 * distinct value once.
 */
public final class AllureEnvironment {
    /** The property Allure's own writer reads (system property, JUnit configuration or {@code allure.properties}). */
    public static final String RESULTS_DIRECTORY = "allure.results.directory";
    public static final String FILE_NAME = "environment.properties";
    private static final Logger LOG = LoggerFactory.getLogger(AllureEnvironment.class);
    private static final Map<Path, AllureEnvironment> BY_DIRECTORY = new ConcurrentHashMap<>();

    private final Path directory;
    /** "model PATH" -> "classifier NAME, card sha256:...", by model directory */
    private final Map<Path, Map.Entry<String, String>> models = new TreeMap<>();
    private final Set<String> devices = new LinkedHashSet<>();
    private final Set<String> solvers = new LinkedHashSet<>();
    private String engine;

    private AllureEnvironment(Path directory) {
        this.directory = directory;
    }

    /** The environment of the results in {@code directory} (one per directory in this JVM). */
    public static AllureEnvironment in(Path directory) {
        return BY_DIRECTORY.computeIfAbsent(directory.toAbsolutePath().normalize(), AllureEnvironment::new);
    }

    /**
     * The environment of the results directory Allure writes to, as configured: the JUnit configuration
     * parameter (or system property) {@value #RESULTS_DIRECTORY}, else {@code allure.properties}, else Allure's
     * default {@code allure-results}.
     */
    public static AllureEnvironment of(Function<String, Optional<String>> configuration) {
        String dir = configuration
                .apply(RESULTS_DIRECTORY)
                .filter(s -> !s.isBlank())
                .orElseGet(
                        () -> PropertiesUtils.loadAllureProperties().getProperty(RESULTS_DIRECTORY, "allure-results"));
        return in(Path.of(dir));
    }

    public Path directory() {
        return directory;
    }

    /** Forgets what was recorded, for a new run into the same directory in this JVM (the file is the run's). */
    public synchronized void clear() {
        models.clear();
        devices.clear();
        solvers.clear();
    }

    /** A model that was loaded, with its card's fingerprint (computed once per model). */
    public void model(String kind, String name, Path dir, ModelCard card) {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (this) {
            if (models.containsKey(key)) return;
        }
        String value;
        try {
            value = kind + " " + name + ", card " + ModelFingerprint.shown(ModelFingerprint.of(dir, card));
        } catch (UncheckedIOException e) {
            LOG.warn("no fingerprint for model {}: {}", dir, e.getMessage());
            value = kind + " " + name + ", card not fingerprinted (" + e.getMessage() + ")";
        }
        synchronized (this) {
            if (models.putIfAbsent(key, Map.entry("model " + shownPath(key), value)) == null) {
                if (engine == null) engine = DeviceChoice.engineDescription();
                write();
            }
        }
    }

    /** A device that models and the solver ran on. */
    public synchronized void device(Object device) {
        if (devices.add(String.valueOf(device))) write();
    }

    /** Solver settings that explained something: "cdeepex, defaults" or what differs from the defaults. */
    public void solver(SolverSettings settings) {
        String described = describe(settings);
        synchronized (this) {
            if (solvers.add(described)) write();
        }
    }

    /** The method and the settings that differ from its defaults, e.g. "cdeepex: innerSteps=4, seed=7". */
    static String describe(SolverSettings settings) {
        SolverSettings defaults = SolverSettings.defaults().withMethod(settings.method());
        List<String> changed = new ArrayList<>();
        for (SolverSetting s : SolverSetting.all()) {
            Object v = s.read(settings);
            if (!v.equals(s.read(defaults))) changed.add(s.name() + "=" + v);
        }
        return settings.method().id() + (changed.isEmpty() ? ", defaults" : ": " + String.join(", ", changed));
    }

    /** The properties as Allure will show them, in a fixed order. */
    synchronized Map<String, String> entries() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> m : models.values()) out.put(m.getKey(), m.getValue());
        if (!devices.isEmpty()) out.put("device", String.join(", ", devices));
        if (!solvers.isEmpty()) out.put("solver settings", String.join(" | ", solvers));
        if (engine != null) out.put("engine", engine);
        // the oneDNN setting that decides which convolution kernels ran (README "Device and native libraries")
        String isa = System.getenv(NativeKernelSelfCheck.ISA_VARIABLE);
        out.put(NativeKernelSelfCheck.ISA_VARIABLE,
                isa == null ? "not set (oneDNN uses the CPU's widest instructions)" : isa);
        out.put("java", System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vendor", "?") + ")");
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        out.put("cpu", cpuName().map(n -> n + ", ").orElse("") + Runtime.getRuntime().availableProcessors()
                + " processors for the JVM");
        return out;
    }

    private void write() {
        try {
            Files.createDirectories(directory);
            Properties p = new Properties();
            StringWriter text = new StringWriter();
            for (Map.Entry<String, String> e : entries().entrySet()) {
                p.clear();
                p.setProperty(e.getKey(), e.getValue());
                StringWriter one = new StringWriter();
                p.store(one, null);
                // Properties.store escapes as Allure's reader (Properties.load) expects; drop its date comment
                one.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
            }
            Files.writeString(directory.resolve(FILE_NAME), text.toString());
            AllureCategories.writeTo(directory);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the Allure environment and categories to {}: {}", directory, e.toString());
        }
    }

    /** Relative to the working directory when inside it (the same on every CI machine), else absolute. */
    private static String shownPath(Path dir) {
        Path cwd = Path.of("").toAbsolutePath();
        return dir.startsWith(cwd) ? cwd.relativize(dir).toString().replace('\\', '/') : dir.toString();
    }

    /** The CPU's model name where the OS tells it (Linux), for runs whose kernels depend on the CPU. */
    private static Optional<String> cpuName() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) return Optional.empty();
        try (Stream<String> lines = Files.lines(info)) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).filter(s -> !s.isEmpty());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
