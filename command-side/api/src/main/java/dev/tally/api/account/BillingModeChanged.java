package dev.tally.api.account;

import dev.tally.api.AccountId;

public record BillingModeChanged(AccountId accountId, BillingMode previous, BillingMode billingMode) {
}
