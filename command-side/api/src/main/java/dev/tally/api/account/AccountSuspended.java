package dev.tally.api.account;

import dev.tally.api.AccountId;

public record AccountSuspended(AccountId accountId, String reason) {
}
