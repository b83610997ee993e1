package dev.tally.api.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Lets the cluster attribute pods labelled with this environment to its account. Sent when the environment is
 * registered; refused with CONFLICT unless the account is assigned to the cluster.
 */
public record AttachEnvironment(ClusterId clusterId, EnvironmentId environmentId, AccountId accountId,
                                String namespace) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
