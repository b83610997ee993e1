package dev.tally.api.account;

import dev.tally.api.AccountId;
import dev.tally.api.PriceBookId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Prices the account's usage with this book from now on; the book must exist and be in the account's currency. */
public record AssignPriceBook(@TargetAggregateIdentifier AccountId accountId, PriceBookId priceBookId) {
}
