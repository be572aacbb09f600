package io.cdeepex.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one place that decides which device models and the solver run on. The request comes, in order,
 * from the caller (a CLI flag or an annotation), the system property {@code cdeepex.device}, the
 * environment variable {@code CDEEPEX_DEVICE}, else {@code auto}: the GPU when DJL's PyTorch engine
 * reports one, otherwise the CPU. Asking for {@code gpu} where there is none is an error, never a
 * silent fallback.
 */
public final class DeviceChoice {
    public static final String PROPERTY = "cdeepex.device";
    public static final String ENV = "CDEEPEX_DEVICE";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceChoice.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    static {
        DjlDefaults.apply();  // before the first engine call below
    }

    private DeviceChoice() {}

    /**
     * The device for a request of {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; null or blank = not given.
     */
    public static Device resolve(String requested) {
        return resolve(requested, "argument");
    }

    /**
     * As {@link #resolve(String)}, with {@code requestedBy} naming where {@code requested} came from (e.g. "option
     * --device"), so that an error sends the user to the setting they actually made.
     */
    public static Device resolve(String requested, String requestedBy) {
        String source = requestedBy;
        String value = requested;
        if (blank(value)) {
            value = System.getProperty(PROPERTY);
            source = "system property " + PROPERTY;
        }
        if (blank(value)) {
            value = System.getenv(ENV);
            source = "environment variable " + ENV;
        }
        if (blank(value)) {
            value = "auto";
            source = "default";
        }
        Device device = choose(value.trim().toLowerCase(Locale.ROOT), source, gpuCount());
        if (LOGGED.compareAndSet(false, true)) {
            LOG.info("{}; device {} ({} = {})", engineDescription(), device, source, value);
        }
        return device;
    }

    /** "PyTorch engine 2.7.1 (libtorch) on DJL 0.36.0": what computes, for logs and reports. */
    public static String engineDescription() {
        Engine engine = Engine.getEngine("PyTorch");
        return engine.getEngineName() + " engine " + engine.getVersion() + " (libtorch) on DJL "
                + Engine.getDjlVersion();
    }

    /** The device from the system property / environment / auto. */
    public static Device resolve() {
        return resolve(null);
    }

    static Device choose(String value, String source, int gpus) {
        switch (value) {
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu":
                return Device.cpu();
            default:
                if (value.equals("gpu") || value.matches("gpu:\\d+")) {
                    int index = value.equals("gpu") ? 0 : Integer.parseInt(value.substring(4));
                    if (gpus == 0) {
                        throw new IllegalStateException("device '" + value + "' requested (" + source
                                + ") but DJL's PyTorch engine sees no GPU: this build uses CPU natives; "
                                + "see README \"Device and native libraries\" for the CUDA setup, or ask for cpu/auto");
                    }
                    if (index >= gpus) {
                        throw new IllegalStateException("device '" + value + "' requested (" + source + ") but only "
                                + gpus + " GPU(s) are visible");
                    }
                    return Device.gpu(index);
                }
                throw new IllegalArgumentException("unknown device '" + value + "' (" + source
                        + "); expected auto, cpu, gpu or gpu:N");
        }
    }

    private static int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
