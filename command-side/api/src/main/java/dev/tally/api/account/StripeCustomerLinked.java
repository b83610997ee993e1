package dev.tally.api.account;

import dev.tally.api.AccountId;

public record StripeCustomerLinked(AccountId accountId, String stripeCustomerId) {
}
