package dev.tally.api.billing;

import dev.tally.api.AccountId;

public record BillingAnchorSet(AccountId accountId, int day) {
}
