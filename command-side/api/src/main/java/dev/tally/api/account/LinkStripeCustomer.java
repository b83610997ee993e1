package dev.tally.api.account;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remembers the account's Stripe customer, made once; linking the same one again changes nothing. */
public record LinkStripeCustomer(@TargetAggregateIdentifier AccountId accountId, String stripeCustomerId) {
}
