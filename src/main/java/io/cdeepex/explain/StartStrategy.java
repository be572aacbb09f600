package io.cdeepex.explain;

import java.util.List;

/** One way to propose extra search starts (besides z0) for the questions of a solve. */
interface StartStrategy {
    /** Where a strategy's starts go among a question's extra starts. */
    enum Slot {
        /** the first free extra starts, in the order proposed */
        FIRST_FREE,
        /** the last extra start, in place of whatever another strategy put there */
        LAST
    }

    Slot slot();

    /** Per question, the starts this strategy proposes, best first (empty where it has none). */
    List<List<float[]>> propose(StartContext context);
}
