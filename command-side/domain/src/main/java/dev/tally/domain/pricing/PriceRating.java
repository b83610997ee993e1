package dev.tally.domain.pricing;

import dev.tally.api.PriceBookId;
import dev.tally.api.metering.MeteredQuantity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rates usage with a price book: the version in force at the window's start prices each meter it has a rate for.
 * Empty when no version is in force then. Rating tells the book how far its usage has been rated, so a version
 * backdated into rated usage is refused.
 */
public interface PriceRating {

    Optional<RatedUsage> rate(PriceBookId priceBookId, Instant windowStart, List<MeteredQuantity> quantities);
}
