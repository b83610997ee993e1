package dev.tally.api.cluster;

import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent when the environment is deleted: its pods are unattributed from then on. */
public record DetachEnvironment(ClusterId clusterId, EnvironmentId environmentId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
