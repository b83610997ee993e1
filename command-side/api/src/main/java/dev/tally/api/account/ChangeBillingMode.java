package dev.tally.api.account;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeBillingMode(@TargetAggregateIdentifier AccountId accountId, BillingMode billingMode) {
}
