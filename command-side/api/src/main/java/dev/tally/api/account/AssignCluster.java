package dev.tally.api.account;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves an account to a cluster; the cluster refuses it with CONFLICT when it has no room. */
public record AssignCluster(@TargetAggregateIdentifier AccountId accountId, ClusterId clusterId) {
}
