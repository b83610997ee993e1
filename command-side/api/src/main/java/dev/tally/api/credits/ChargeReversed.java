package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.time.Instant;

/**
 * Revenue given back: a posting from revenue to the customer's credit (prepaid, usable like a grant without expiry)
 * or to receivable (postpaid, lowering what is owed).
 */
public record ChargeReversed(AccountId accountId,
                             String reversalId,
                             String chargeId,
                             Money amount,
                             String reason,
                             Instant reversedAt,
                             LedgerAccount debit,
                             LedgerAccount credit) {
}
