package dev.tally.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the Axon set-up: events between aggregate snapshots, aggregates kept in memory, recent events kept in
 * memory for the processors, and segments and batch size of the pooled streaming processors that feed the read
 * models.
 */
@ConfigurationProperties("tally.axon")
public record AxonProperties(Integer snapshotThreshold, Integer aggregateCacheSize, Integer cachedEvents,
                             Integer processorSegments, Integer processorBatchSize) {

    public AxonProperties {
        snapshotThreshold = snapshotThreshold == null ? 500 : snapshotThreshold;
        aggregateCacheSize = aggregateCacheSize == null ? 10_000 : aggregateCacheSize;
        cachedEvents = cachedEvents == null ? 2_000 : cachedEvents;
        processorSegments = processorSegments == null ? 2 : processorSegments;
        processorBatchSize = processorBatchSize == null ? 100 : processorBatchSize;
    }
}
