package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.time.Instant;

/** Unused purchased credits paid back: a posting from the customer's credit to cash. */
public record CreditsRefunded(AccountId accountId,
                              String refundId,
                              String grantId,
                              Money amount,
                              String reason,
                              Instant refundedAt,
                              LedgerAccount debit,
                              LedgerAccount credit) {
}
