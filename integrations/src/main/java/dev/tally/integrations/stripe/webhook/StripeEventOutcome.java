package dev.tally.integrations.stripe.webhook;

/** What became of a delivery of a Stripe event that was answered 200. */
public enum StripeEventOutcome {
    /** Recorded now, with its commands (one that repeats what Tally already holds changes nothing). */
    APPLIED,
    /** An earlier delivery took effect; this one changed nothing. */
    ALREADY_APPLIED,
    /** Nothing for Tally to do; not stored. */
    IGNORED
}
