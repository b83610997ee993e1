package dev.tally.projections.pricing;

import dev.tally.api.pricing.PriceBookCreated;
import dev.tally.api.pricing.PriceBookUsageRated;
import dev.tally.api.pricing.PriceVersionPublished;
import dev.tally.api.pricing.Rate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.PRICE_BOOK;
import static dev.tally.schema.jooq.Tables.PRICE_RATE;

/**
 * The price books read model: one row per price book, and one per rate of each published version, as API.md names
 * them (meter {@code cpu}, unit {@code core-hour}). A published version never changes, so its rows are only ever
 * inserted; a redelivered event finds them there and adds nothing.
 */
@Component
@ProcessingGroup(PriceBookProjection.PROCESSING_GROUP)
public class PriceBookProjection {

    public static final String PROCESSING_GROUP = "price-books";

    private final DSLContext db;

    public PriceBookProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(PriceBookCreated event, @SequenceNumber long sequence) {
        db.insertInto(PRICE_BOOK)
                .set(PRICE_BOOK.ID, event.priceBookId().value())
                .set(PRICE_BOOK.NAME, event.name())
                .set(PRICE_BOOK.CURRENCY, event.currency().getCurrencyCode())
                .set(PRICE_BOOK.CREATED_AT, utc(event.createdAt()))
                .set(PRICE_BOOK.LAST_SEQUENCE, sequence)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(PriceVersionPublished event, @SequenceNumber long sequence) {
        String priceBookId = event.priceBookId().value();
        OffsetDateTime effectiveFrom = utc(event.effectiveFrom());
        OffsetDateTime publishedAt = utc(event.publishedAt());
        var insert = db.insertInto(PRICE_RATE, PRICE_RATE.PRICE_BOOK_ID, PRICE_RATE.VERSION, PRICE_RATE.METER,
                PRICE_RATE.EFFECTIVE_FROM, PRICE_RATE.ROUNDING, PRICE_RATE.UNIT, PRICE_RATE.PRICE, PRICE_RATE.BASIS,
                PRICE_RATE.PUBLISHED_AT);
        for (Rate rate : event.rates()) {
            insert = insert.values(priceBookId, event.version(), rate.meter().name().toLowerCase(Locale.ROOT),
                    effectiveFrom, event.rounding().name(), rate.unit().wireName(), rate.price(),
                    rate.basis() == null ? null : rate.basis().name(), publishedAt);
        }
        insert.onConflictDoNothing().execute();
        update(priceBookId, sequence, Map.of());
    }

    /** Rating moves forward only; the aggregate sends no older instant, and a redelivery is older than the row. */
    @EventHandler
    void on(PriceBookUsageRated event, @SequenceNumber long sequence) {
        update(event.priceBookId().value(), sequence, Map.of(PRICE_BOOK.RATED_THROUGH, utc(event.through())));
    }

    /** Applies a change once: a redelivered event (sequence not newer than the row's) changes nothing. */
    private void update(String priceBookId, long sequence, Map<? extends Field<?>, ?> changes) {
        db.update(PRICE_BOOK)
                .set(changes)
                .set(PRICE_BOOK.LAST_SEQUENCE, sequence)
                .where(PRICE_BOOK.ID.eq(priceBookId).and(PRICE_BOOK.LAST_SEQUENCE.lt(sequence)))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(PRICE_BOOK).execute();
        db.deleteFrom(PRICE_RATE).execute();
    }
}
