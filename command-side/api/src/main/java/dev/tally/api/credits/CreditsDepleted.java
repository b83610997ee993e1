package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

/**
 * A prepaid account has used its credits and its allowance below zero; usage from here on is recorded as
 * uncollected debt until credits arrive. Emitted once per depletion.
 */
public record CreditsDepleted(AccountId accountId, Money balance, Money allowance) {
}
