package dev.tally.query.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** An item of GET /price-books: a price book without its versions. */
public record PriceBookSummaryView(String id,
                                   String name,
                                   String currency,
                                   Instant createdAt,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Instant ratedThrough) {
}
