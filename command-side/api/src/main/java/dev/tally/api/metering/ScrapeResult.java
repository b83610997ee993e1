package dev.tally.api.metering;

import java.time.Instant;

/**
 * What a scrape did: how many pods it carried, the usage windows it measured, how many pods with usage in it could
 * not be attributed (a pod's first scrape only sets its baseline, so it counts from its second), and any gap.
 */
public record ScrapeResult(String scrapeId,
                           Instant takenAt,
                           int pods,
                           int usageWindows,
                           int unattributedPods,
                           boolean gap,
                           boolean duplicate) {

    public ScrapeResult asDuplicate() {
        return new ScrapeResult(scrapeId, takenAt, pods, usageWindows, unattributedPods, gap, true);
    }
}
