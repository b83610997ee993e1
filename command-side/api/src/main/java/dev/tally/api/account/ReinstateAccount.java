package dev.tally.api.account;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReinstateAccount(@TargetAggregateIdentifier AccountId accountId) {
}
