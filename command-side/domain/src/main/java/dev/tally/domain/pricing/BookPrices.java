package dev.tally.domain.pricing;

import dev.tally.api.PriceBookId;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.pricing.PriceVersionPublished;
import dev.tally.api.pricing.Rate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A price book's versions and how far its usage has been rated, as of one moment: prices windows without the book.
 * A window starting at or before {@code ratedThrough} is priced the same by every later state of the book, since the
 * book refuses versions starting there ({@link PriceBook}).
 */
record BookPrices(PriceBookId priceBookId, List<PriceVersionPublished> versions, Instant ratedThrough) {

    BookPrices {
        versions = List.copyOf(versions);
    }

    /** Whether the version in force at {@code windowStart} is settled: no version may start there any more. */
    boolean settles(Instant windowStart) {
        return ratedThrough != null && !windowStart.isAfter(ratedThrough);
    }

    /** The later of two states of the same book: the one settling more. */
    static BookPrices later(BookPrices one, BookPrices other) {
        return one.ratedThrough == null || (other.ratedThrough != null && other.ratedThrough.isAfter(one.ratedThrough))
                ? other : one;
    }

    /** The window's usage priced with the version in force at its start; empty when none is. */
    Optional<RatedUsage> rate(Instant windowStart, List<MeteredQuantity> quantities) {
        return versionAt(windowStart).map(version -> price(version, quantities));
    }

    private RatedUsage price(PriceVersionPublished version, List<MeteredQuantity> quantities) {
        List<ChargeLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (MeteredQuantity quantity : quantities) {
            for (Rate rate : version.rates()) {
                if (rate.meter() == quantity.meter()) {
                    Basis basis = rate.basis() == null ? quantity.basis() : rate.basis().given(quantity.request());
                    BigDecimal billed = rate.basis() == null ? quantity.quantity()
                            : basis.billed(quantity.usage(), quantity.request());
                    if (billed == null) {
                        continue;
                    }
                    BigDecimal amount = rate.amountFor(billed);
                    lines.add(new ChargeLine(quantity.meter(), basis, billed, quantity.unit(), rate.unit(),
                            rate.price(), amount));
                    total = total.add(amount);
                }
            }
        }
        return new RatedUsage(priceBookId, version.version(), version.rounding(), List.copyOf(lines), total);
    }

    /** The version with the latest start at or before {@code instant}; of two with the same start, the later. */
    private Optional<PriceVersionPublished> versionAt(Instant instant) {
        return versions.stream()
                .filter(version -> !version.effectiveFrom().isAfter(instant))
                .max(Comparator.comparing(PriceVersionPublished::effectiveFrom)
                        .thenComparingInt(PriceVersionPublished::version));
    }
}
