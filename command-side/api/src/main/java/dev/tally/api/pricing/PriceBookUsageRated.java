package dev.tally.api.pricing;

import dev.tally.api.PriceBookId;

import java.time.Instant;

public record PriceBookUsageRated(PriceBookId priceBookId, Instant through) {
}
