package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.PriceBookId;

public record LedgerPriceBookAssigned(AccountId accountId, PriceBookId priceBookId) {
}
