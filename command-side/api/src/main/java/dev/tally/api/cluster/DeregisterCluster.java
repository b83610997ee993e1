package dev.tally.api.cluster;

import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DeregisterCluster(ClusterId clusterId, Instant deregisteredAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
