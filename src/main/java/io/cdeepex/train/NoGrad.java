package io.cdeepex.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs in-place parameter updates with autograd off: libtorch refuses in-place changes of leaves that require
 * gradients while grad mode is on, and grad mode is per thread, so a thread that recorded earlier (a test
 * worker, a caller's collector) must not make an optimiser step fail.
 */
final class NoGrad {
    private NoGrad() {}

    static void run(Runnable update) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            update.run();
        } finally {
            JniUtils.setGradMode(was);
        }
    }
}
