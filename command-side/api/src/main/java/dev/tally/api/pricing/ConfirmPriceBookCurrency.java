package dev.tally.api.pricing;

import dev.tally.api.PriceBookId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Currency;

/**
 * Asks a price book to confirm it prices in {@code currency}: it changes nothing, and refuses with CONFLICT when
 * the currency differs (NOT_FOUND when there is no such book). Sent when an account takes the book.
 */
public record ConfirmPriceBookCurrency(PriceBookId priceBookId, Currency currency) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return priceBookId.aggregateId();
    }
}
