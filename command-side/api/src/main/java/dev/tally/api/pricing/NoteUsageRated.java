package dev.tally.api.pricing;

import dev.tally.api.PriceBookId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Tells a price book that usage up to {@code through} (a window's start) has been rated with it, so a version
 * backdated before that instant is refused. Sent by rating when it moves past the last instant noted.
 */
public record NoteUsageRated(PriceBookId priceBookId, Instant through) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return priceBookId.aggregateId();
    }
}
