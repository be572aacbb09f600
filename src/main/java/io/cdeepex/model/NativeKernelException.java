package io.cdeepex.model;

/**
 * The native convolution kernels of this machine and configuration compute wrong results (the native self-check
 * failed), so no model may run on them. The message names the configuration, the wrong cases and the fix.
 */
public final class NativeKernelException extends RuntimeException {
    NativeKernelException(String message) {
        super(message);
    }
}
