package dev.tally.api.metering;

import java.time.Instant;

/** What a scrape did: how many pods it carried, windows it measured, pods it could not attribute, and any gap. */
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
