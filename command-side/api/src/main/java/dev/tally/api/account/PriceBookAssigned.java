package dev.tally.api.account;

import dev.tally.api.AccountId;
import dev.tally.api.PriceBookId;

import java.util.Currency;

/**
 * The account's usage is priced with {@code priceBookId} from now on; {@code previous} is null for the first. The
 * account's currency, which the book must price in, is repeated.
 */
public record PriceBookAssigned(AccountId accountId, PriceBookId priceBookId, PriceBookId previous,
                                Currency currency) {
}
