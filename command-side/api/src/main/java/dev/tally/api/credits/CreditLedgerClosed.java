package dev.tally.api.credits;

import dev.tally.api.AccountId;

import java.time.Instant;

public record CreditLedgerClosed(AccountId accountId, Instant closedAt) {
}
