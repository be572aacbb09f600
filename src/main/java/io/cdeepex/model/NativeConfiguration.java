package io.cdeepex.model;

import ai.djl.engine.Engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What decides which native convolution kernels run: the libtorch build, the oneDNN instruction-set cap (an
 * environment variable oneDNN reads once, when libtorch loads) and the CPU.
 *
 * @param isaCap the value of {@code ONEDNN_MAX_CPU_ISA} (or of its older name {@code DNNL_MAX_CPU_ISA}), null
 *               when neither is set
 */
record NativeConfiguration(String libtorch, String isaCap, String cpu) {
    static NativeConfiguration current() {
        String isa = System.getenv(NativeKernelSelfCheck.ISA_VARIABLE);
        if (isa == null) isa = System.getenv("DNNL_MAX_CPU_ISA");
        return new NativeConfiguration(Engine.getEngine("PyTorch").getVersion(), isa, cpuModel());
    }

    /** e.g. "ONEDNN_MAX_CPU_ISA unset" or "ONEDNN_MAX_CPU_ISA=SSE41". */
    String describeCap() {
        return NativeKernelSelfCheck.ISA_VARIABLE + (isaCap == null ? " unset" : "=" + isaCap);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (macOS, Windows): the architecture is what we can name
        }
        return "a " + System.getProperty("os.arch") + " CPU";
    }
}
