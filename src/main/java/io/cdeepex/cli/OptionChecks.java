package io.cdeepex.cli;

/** Range checks of the commands' numeric options, worded the same way for every command. */
final class OptionChecks {
    private OptionChecks() {}

    /** @throws IllegalArgumentException "OPTION must be at least MIN, got VALUE" (reported as {@code error: ...}) */
    static void atLeast(String option, int value, int min) {
        if (value < min) throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
    }
}
