package dev.tally.api.account;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record CloseAccount(@TargetAggregateIdentifier AccountId accountId, Instant closedAt) {
}
