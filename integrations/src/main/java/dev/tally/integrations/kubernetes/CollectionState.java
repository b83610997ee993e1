package dev.tally.integrations.kubernetes;

import java.io.Serializable;

/**
 * What a cluster's scheduled collection carries from one run to the next: how many runs in a row have failed. It
 * is the db-scheduler task's data, so a failure streak (its backoff, and its single warning) survives a restart
 * and stays one streak whichever node runs the next attempt.
 */
public record CollectionState(int consecutiveFailures) implements Serializable {

    static CollectionState healthy() {
        return new CollectionState(0);
    }

    CollectionState failedAgain() {
        return new CollectionState(consecutiveFailures + 1);
    }

    /** The failure that starts a streak is the one worth telling an operator about. */
    boolean startsStreak() {
        return consecutiveFailures == 1;
    }

    boolean failing() {
        return consecutiveFailures > 0;
    }
}
