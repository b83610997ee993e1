package dev.tally.integrations.kubernetes;

import dev.tally.api.ClusterId;

/** A registered cluster as the collector needs it: where it is, how to get in, and how often to scrape it. */
public record ClusterTarget(ClusterId id, String apiUrl, String credentialsRef, int scrapeIntervalSeconds,
                            boolean active) {
}
