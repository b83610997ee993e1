package dev.tally.integrations.stripe;

import dev.tally.api.AccountId;
import dev.tally.api.account.AccountStatus;

import java.util.Currency;

/** An account as Stripe needs it: who pays, in which currency, and its Stripe customer once it has one (or null). */
public record PayingAccount(AccountId id, String email, String name, Currency currency, AccountStatus status,
                            String stripeCustomerId) {
}
