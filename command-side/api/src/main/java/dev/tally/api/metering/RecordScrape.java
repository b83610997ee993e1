package dev.tally.api.metering;

import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Every pod sample of one cluster at one instant. {@code receivedAt} is the engine's clock when it arrived; a
 * repeat of {@code scrapeId} takes effect once and answers with the first result. The cluster measures it under
 * the configured {@link MeteringPolicy} for its scrape interval and records that policy with it.
 */
public record RecordScrape(ClusterId clusterId,
                           String scrapeId,
                           Instant takenAt,
                           Instant receivedAt,
                           List<PodSample> pods) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
