package dev.tally.integrations.kubernetes;

import java.time.Duration;

/**
 * How long a cluster's collection waits before its next run: one scrape interval while it succeeds; after
 * consecutive failures the interval doubled per failure, at most ten intervals, so a cluster that is down for
 * hours is tried a few times an hour and a blip costs one late scrape.
 */
record CollectionBackoff(Duration interval) {

    static final int MAX_INTERVALS = 10;

    /** 1, 2, 4, 8, 10, 10, ... intervals after 0, 1, 2, 3, 4, 5, ... consecutive failures. */
    Duration delayAfter(int consecutiveFailures) {
        // 2^4 already exceeds the cap: clamping the exponent first keeps the shift from overflowing.
        long factor = Math.min(1L << Math.min(Math.max(consecutiveFailures, 0), 4), MAX_INTERVALS);
        return interval.multipliedBy(factor);
    }

    Duration longest() {
        return interval.multipliedBy(MAX_INTERVALS);
    }
}
