package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.time.Instant;

/** Credits granted: a posting from {@code debit} (the funding account) to {@code credit} (the customer's credit). */
public record CreditsGranted(AccountId accountId,
                             String grantId,
                             GrantKind kind,
                             Money amount,
                             Instant grantedAt,
                             Instant expiresAt,
                             String note,
                             LedgerAccount debit,
                             LedgerAccount credit) {
}
