package io.cdeepex.junit;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.cdeepex.model.DeviceChoice;
import io.cdeepex.model.ModelRepository;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where models come from and which device they run on for one test context: the {@link ModelAudit} attributes
 * of the test class (or an enclosing class), else JUnit configuration parameters, else defaults. Each value
 * remembers its source so that a misconfiguration names where it came from.
 */
record AuditConfiguration(Path modelsRoot, String modelsSource, String device, String deviceSource,
                          boolean requireGpu) {
    static final String DEFAULT_MODELS = "models";

    static AuditConfiguration of(ExtensionContext context) {
        Optional<ModelAudit> audit = findModelAudit(context);
        String owner = context.getTestClass().map(Class::getSimpleName).orElse("the test class");

        String models = audit.map(ModelAudit::models).filter(s -> !s.isBlank()).orElse(null);
        String modelsSource = "@ModelAudit(models) on " + owner;
        if (models == null) {
            models = context.getConfigurationParameter(ModelRepository.PROPERTY).filter(s -> !s.isBlank()).orElse(null);
            modelsSource = "configuration parameter " + ModelRepository.PROPERTY;
        }
        if (models == null) {
            models = DEFAULT_MODELS;
            modelsSource = "default";
        }

        String device = audit.map(ModelAudit::device).filter(s -> !s.isBlank()).orElse(null);
        String deviceSource = "@ModelAudit(device) on " + owner;
        if (device == null) {
            device = context.getConfigurationParameter(DeviceChoice.PROPERTY).filter(s -> !s.isBlank()).orElse(null);
            deviceSource = "configuration parameter " + DeviceChoice.PROPERTY;
        }
        if (device == null) {
            deviceSource = "environment variable " + DeviceChoice.ENV + " or default auto";
        }
        return new AuditConfiguration(Path.of(models), modelsSource, device, deviceSource,
                audit.map(ModelAudit::requireGpu).orElse(false));
    }

    /** The first {@link ModelAudit} on the test class or, for nested classes, an enclosing class. */
    static Optional<ModelAudit> findModelAudit(ExtensionContext context) {
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<ModelAudit> found = AnnotationSupport.findAnnotation(c, ModelAudit.class);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    ModelRepository repository() {
        return new ModelRepository(modelsRoot);
    }

    /**
     * Skips (aborts) the test when it requires a GPU that DJL does not see; does nothing otherwise.
     *
     * @throws TestAbortedException naming the requirement and what was found
     */
    void checkRequirements() {
        missingRequirement().ifPresent(reason -> {
            throw new TestAbortedException("skipped: " + reason);
        });
    }

    /** Why the audit cannot run on this host (it requires a GPU and there is none); empty when it can. */
    Optional<String> missingRequirement() {
        if (requireGpu && gpuCount() == 0) {
            return Optional.of("the audit requires a GPU (@ModelAudit(requireGpu = true)) but DJL's PyTorch engine"
                    + " sees none (this build may carry CPU natives only; see README \"Device and native libraries\")");
        }
        return Optional.empty();
    }

    /**
     * The device models and solver run on.
     *
     * @throws TestAbortedException            when a GPU is required and absent
     * @throws ExtensionConfigurationException when the request is unknown or names a device that is absent
     */
    Device resolveDevice() {
        checkRequirements();
        String request = device;
        if (requireGpu) {
            String r = request == null ? "auto" : request.trim().toLowerCase(Locale.ROOT);
            if (r.equals("auto")) {
                request = "gpu";
            } else if (!r.startsWith("gpu")) {
                throw new ExtensionConfigurationException("the audit requires a GPU (@ModelAudit(requireGpu = true))"
                        + " but " + deviceSource + " asks for device '" + device + "'");
            }
        }
        try {
            return DeviceChoice.resolve(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ExtensionConfigurationException(e.getMessage() + " [device from " + deviceSource + "]", e);
        }
    }

    private static int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }
}
