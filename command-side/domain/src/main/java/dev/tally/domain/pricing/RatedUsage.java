package dev.tally.domain.pricing;

import dev.tally.api.PriceBookId;
import dev.tally.api.credits.ChargeLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** A window's usage priced with one version of a book: a line per priced meter, and their unrounded sum. */
public record RatedUsage(PriceBookId priceBookId, int version, RoundingMode rounding, List<ChargeLine> lines,
                         BigDecimal amount) {
}
