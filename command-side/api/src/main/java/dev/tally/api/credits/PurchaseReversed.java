package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.time.Instant;

/**
 * A refunded purchase: a posting of {@code amount} from the customer's credit to cash, bringing what was refunded
 * of the grant to {@code refundedInTotal}. {@code fromGrant} is what was left of the grant; the rest had been used,
 * and overdraws the balance.
 */
public record PurchaseReversed(AccountId accountId,
                               String grantId,
                               Money amount,
                               Money refundedInTotal,
                               Money fromGrant,
                               String reason,
                               Instant reversedAt,
                               LedgerAccount debit,
                               LedgerAccount credit) {
}
