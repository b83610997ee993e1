package dev.tally.api.metering;

import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Every pod sample of one cluster at one instant. {@code receivedAt} is the engine's clock when it arrived; a
 * repeat of {@code scrapeId} takes effect once and answers with the first result.
 */
public record RecordScrape(ClusterId clusterId,
                           String scrapeId,
                           Instant takenAt,
                           Instant receivedAt,
                           List<PodSample> pods,
                           MeteringPolicy policy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
