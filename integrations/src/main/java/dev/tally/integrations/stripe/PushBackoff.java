package dev.tally.integrations.stripe;

import java.time.Duration;

/**
 * How long a failed push waits before its next try: {@code first}, doubled per consecutive failure, at most
 * {@code longest}. An hour at most keeps retries well inside the 24 hours Stripe remembers an idempotency key, so
 * a push repeated after a partial failure still finds the invoice it made.
 */
record PushBackoff(Duration first, Duration longest) {

    static final PushBackoff DEFAULT = new PushBackoff(Duration.ofSeconds(30), Duration.ofHours(1));

    /** first, 2 x first, 4 x first, ... after 1, 2, 3, ... consecutive failures; never more than longest. */
    Duration delayAfter(int consecutiveFailures) {
        // Clamping the exponent first keeps the shift from overflowing; 2^20 first is past any sane longest.
        long factor = 1L << Math.min(Math.max(consecutiveFailures - 1, 0), 20);
        Duration delay = first.multipliedBy(factor);
        return delay.compareTo(longest) > 0 ? longest : delay;
    }
}
