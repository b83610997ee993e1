package dev.tally.integrations.stripe;

import java.io.Serializable;

/**
 * What an invoice's push carries from one try to the next: how many in a row have failed. It is the db-scheduler
 * task's data, so the backoff (and its single warning) survives a restart and whichever node tries next.
 */
public record PushAttempts(int consecutiveFailures) implements Serializable {

    static PushAttempts none() {
        return new PushAttempts(0);
    }

    PushAttempts failedAgain() {
        return new PushAttempts(consecutiveFailures + 1);
    }

    /** The failure that starts a streak is the one worth telling an operator about. */
    boolean startsStreak() {
        return consecutiveFailures == 1;
    }
}
