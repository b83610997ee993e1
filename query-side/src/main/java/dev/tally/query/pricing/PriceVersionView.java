package dev.tally.query.pricing;

import java.time.Instant;
import java.util.List;

/** One published version of a price book: in force from {@code effectiveFrom}, never changed once published. */
public record PriceVersionView(int version,
                               Instant effectiveFrom,
                               String rounding,
                               Instant publishedAt,
                               List<PriceRateView> rates) {
}
