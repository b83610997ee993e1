package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.time.Instant;

/**
 * Disputed credits held: a posting from the customer's credit to {@code DISPUTED}. What was left of the grant is
 * taken; the rest of {@code amount} had been used, and overdraws the balance.
 */
public record CreditsHeld(AccountId accountId,
                          String holdId,
                          String grantId,
                          Money amount,
                          Money fromGrant,
                          String reason,
                          Instant heldAt,
                          LedgerAccount debit,
                          LedgerAccount credit) {
}
