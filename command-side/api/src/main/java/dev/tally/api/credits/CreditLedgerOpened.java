package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.account.BillingMode;

import java.util.Currency;

public record CreditLedgerOpened(AccountId accountId, Currency currency, BillingMode billingMode) {
}
