package dev.tally.api.metering;

import dev.tally.api.ClusterId;

import java.time.Instant;
import java.util.List;

/** The raw evidence: every sample of a scrape, kept so each charge traces back to the samples behind it. */
public record ScrapeRecorded(ClusterId clusterId,
                             String scrapeId,
                             Instant takenAt,
                             String previousScrapeId,
                             Instant previousTakenAt,
                             List<PodSample> pods,
                             MeteringPolicy policy,
                             ScrapeResult result) {
}
