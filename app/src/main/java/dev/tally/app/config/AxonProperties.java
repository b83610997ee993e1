package dev.tally.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the Axon set-up: events between aggregate snapshots, and segments and batch size of the pooled
 * streaming processors that feed the read models.
 */
@ConfigurationProperties("tally.axon")
public record AxonProperties(Integer snapshotThreshold, Integer processorSegments, Integer processorBatchSize) {

    public AxonProperties {
        snapshotThreshold = snapshotThreshold == null ? 500 : snapshotThreshold;
        processorSegments = processorSegments == null ? 2 : processorSegments;
        processorBatchSize = processorBatchSize == null ? 100 : processorBatchSize;
    }
}
