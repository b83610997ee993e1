package dev.tally.api.account;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SuspendAccount(@TargetAggregateIdentifier AccountId accountId, String reason) {
}
