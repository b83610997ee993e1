package dev.tally.api.pricing;

import dev.tally.api.PriceBookId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * Publishes the next version of a price book, in force from {@code effectiveFrom}. A published version never
 * changes; a change is a new version. One that starts before it is published (a backfill) is refused with
 * CONFLICT once usage after its start has been rated, because re-rating is an explicit correction.
 */
public record PublishPriceVersion(PriceBookId priceBookId,
                                  Instant effectiveFrom,
                                  RoundingMode rounding,
                                  List<Rate> rates,
                                  Instant publishedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return priceBookId.aggregateId();
    }
}
