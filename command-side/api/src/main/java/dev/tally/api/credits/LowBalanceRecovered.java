package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

/** A prepaid balance rose above its low-balance threshold again. */
public record LowBalanceRecovered(AccountId accountId, Money balance, Money threshold) {
}
