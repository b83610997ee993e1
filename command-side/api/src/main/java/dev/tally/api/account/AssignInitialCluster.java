package dev.tally.api.account;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives an account without a cluster its first one, as {@link AssignCluster} does (the cluster refuses it with
 * CONFLICT when full); an account already on a cluster stays there, so a repeated or concurrent sign-in never moves
 * it. Answers the cluster the account is on afterwards.
 */
public record AssignInitialCluster(@TargetAggregateIdentifier AccountId accountId, ClusterId clusterId) {
}
