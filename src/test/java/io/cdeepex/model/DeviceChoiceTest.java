package io.cdeepex.model;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceChoiceTest {
    @Test
    void autoTakesTheGpuOnlyWhenThereIsOne() {
        assertThat(DeviceChoice.choose("auto", "test", 0)).isEqualTo(Device.cpu());
        assertThat(DeviceChoice.choose("auto", "test", 1)).isEqualTo(Device.gpu());
        assertThat(DeviceChoice.choose("gpu:1", "test", 2)).isEqualTo(Device.gpu(1));
        assertThat(DeviceChoice.choose("cpu", "test", 2)).isEqualTo(Device.cpu());
    }

    @Test
    void askingForAMissingGpuIsAnErrorNotAFallback() {
        assertThatThrownBy(() -> DeviceChoice.choose("gpu", "system property cdeepex.device", 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sees no GPU").hasMessageContaining("cdeepex.device");
        assertThatThrownBy(() -> DeviceChoice.choose("gpu:3", "argument", 1)).hasMessageContaining("only 1 GPU");
        assertThatThrownBy(() -> DeviceChoice.choose("tpu", "argument", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected auto, cpu, gpu or gpu:N");
    }

    @Test
    void realEngineOnThisMachine() {
        // This build ships CPU natives only: auto resolves to the CPU and gpu is refused with a clear message.
        assertThat(DeviceChoice.resolve("auto")).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> DeviceChoice.resolve("gpu")).hasMessageContaining("no GPU");
    }
}
