package dev.tally.domain.credits;

import dev.tally.api.PriceBookId;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.pricing.Rate;
import dev.tally.domain.pricing.PriceRating;
import dev.tally.domain.pricing.RatedUsage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rating without a PriceBook aggregate: one book whose version 1, in force from {@code effectiveFrom}, prices each
 * meter it has a rate for with a real {@link Rate}, at the quantity's own basis. Nothing in force before, and no
 * other book.
 */
record FixedPriceRating(PriceBookId priceBookId, Instant effectiveFrom, List<Rate> rates) implements PriceRating {

    @Override
    public Optional<RatedUsage> rate(PriceBookId book, Instant windowStart, List<MeteredQuantity> quantities) {
        if (!book.equals(priceBookId) || windowStart.isBefore(effectiveFrom)) {
            return Optional.empty();
        }
        List<ChargeLine> lines = new ArrayList<>();
        for (MeteredQuantity quantity : quantities) {
            rates.stream().filter(rate -> rate.meter() == quantity.meter()).findFirst().ifPresent(rate ->
                    lines.add(new ChargeLine(quantity.meter(), quantity.basis(), quantity.quantity(), quantity.unit(),
                            rate.unit(), rate.price(), rate.amountFor(quantity.quantity()))));
        }
        BigDecimal amount = lines.stream().map(ChargeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of(new RatedUsage(priceBookId, 1, RoundingMode.HALF_EVEN, List.copyOf(lines), amount));
    }
}
