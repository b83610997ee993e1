package dev.tally.api.pricing;

import dev.tally.api.PriceBookId;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

public record PriceVersionPublished(PriceBookId priceBookId,
                                    int version,
                                    Instant effectiveFrom,
                                    RoundingMode rounding,
                                    List<Rate> rates,
                                    Instant publishedAt) {
}
