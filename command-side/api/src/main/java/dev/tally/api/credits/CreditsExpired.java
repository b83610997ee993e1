package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.time.Instant;

/** The unused remainder of a grant expired at {@code expiredAt}: a posting from customer credit to breakage. */
public record CreditsExpired(AccountId accountId,
                             String grantId,
                             Money amount,
                             Instant expiredAt,
                             LedgerAccount debit,
                             LedgerAccount credit) {
}
