package dev.tally.api.metering;

import dev.tally.api.ClusterId;

import java.time.Instant;

/**
 * No scrape of the cluster between {@code from} and {@code to}, longer than the policy's maximum interval. Counters
 * bill their exact delta across it where a pod did not restart; gauges follow {@code gapFill}.
 */
public record ScrapeGapDetected(ClusterId clusterId,
                                Instant from,
                                Instant to,
                                String previousScrapeId,
                                String scrapeId,
                                GapFillPolicy gapFill) {
}
