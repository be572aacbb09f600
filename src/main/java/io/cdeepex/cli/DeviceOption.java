package io.cdeepex.cli;

import ai.djl.Device;
import io.cdeepex.model.DeviceChoice;
import picocli.CommandLine.Option;

/** The {@code --device} option shared by every command that runs a model. */
final class DeviceOption {
    @Option(
            names = "--device",
            paramLabel = "auto|cpu|gpu",
            description =
                    "Device for models and solver (default: system property cdeepex.device, env CDEEPEX_DEVICE, else"
                            + " auto = GPU when present)")
    String device;

    Device resolve() {
        return resolve(device);
    }

    /** The device for a value given with {@code --device} (null: not given); errors name the option. */
    static Device resolve(String value) {
        return DeviceChoice.resolve(value, "option --device");
    }
}
