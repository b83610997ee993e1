package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.account.BillingMode;

public record LedgerBillingModeChanged(AccountId accountId, BillingMode billingMode) {
}
