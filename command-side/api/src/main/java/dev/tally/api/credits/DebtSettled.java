package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

/**
 * Credits that arrived paid uncollected debt first: a posting from the customer's credit to receivable, taken from
 * {@code grantId}.
 */
public record DebtSettled(AccountId accountId, String grantId, Money amount, LedgerAccount debit, LedgerAccount credit) {
}
