package io.cdeepex.train;

/** One epoch of classifier training: mean loss, accuracy on the (augmented) training batches, held-out accuracy. */
public record EpochStats(int epoch, double loss, double trainAccuracy, double heldOutAccuracy, double seconds) {
    /** The progress line the trainer prints. */
    public String line(int epochs) {
        return String.format(java.util.Locale.ROOT, "epoch %d/%d  loss %.4f  train-acc %.4f  held-out-acc %.4f  %.1f s",
                epoch, epochs, loss, trainAccuracy, heldOutAccuracy, seconds);
    }
}
