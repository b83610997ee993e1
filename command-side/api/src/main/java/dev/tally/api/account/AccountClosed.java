package dev.tally.api.account;

import dev.tally.api.AccountId;

import java.time.Instant;

public record AccountClosed(AccountId accountId, Instant closedAt) {
}
