package dev.tally.api.pricing;

import dev.tally.api.PriceBookId;

import java.time.Instant;
import java.util.Currency;

public record PriceBookCreated(PriceBookId priceBookId, String name, Currency currency, Instant createdAt) {
}
