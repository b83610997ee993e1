package dev.tally.api.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseAccountFromCluster(ClusterId clusterId, AccountId accountId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
