package dev.tally.api.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives an account a place on a cluster; refused with CONFLICT when the cluster has maxAccounts already. */
public record AssignAccountToCluster(ClusterId clusterId, AccountId accountId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
