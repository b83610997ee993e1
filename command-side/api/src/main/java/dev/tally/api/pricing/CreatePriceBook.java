package dev.tally.api.pricing;

import dev.tally.api.PriceBookId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Currency;

public record CreatePriceBook(PriceBookId priceBookId, String name, Currency currency, Instant createdAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return priceBookId.aggregateId();
    }
}
