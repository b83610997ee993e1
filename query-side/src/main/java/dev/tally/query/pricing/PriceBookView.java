package dev.tally.query.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** GET /price-books/{id}: a price book and its published versions, oldest first. */
public record PriceBookView(String id,
                            String name,
                            String currency,
                            Instant createdAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Instant ratedThrough,
                            List<PriceVersionView> versions) {
}
