package dev.tally.api.cluster;

import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Registers a Kubernetes cluster that Tally meters. {@code credentialsRef} names where its credentials are. */
public record RegisterCluster(ClusterId clusterId,
                              String name,
                              String apiUrl,
                              String credentialsRef,
                              int maxAccounts,
                              int scrapeIntervalSeconds,
                              Instant registeredAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
