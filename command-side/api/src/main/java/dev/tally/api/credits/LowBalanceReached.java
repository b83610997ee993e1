package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

/** A prepaid balance fell to or below its low-balance threshold; emitted once per crossing. */
public record LowBalanceReached(AccountId accountId, Money balance, Money threshold) {
}
