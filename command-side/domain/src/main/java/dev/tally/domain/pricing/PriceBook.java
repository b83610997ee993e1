package dev.tally.domain.pricing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.PriceBookId;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.pricing.ConfirmPriceBookCurrency;
import dev.tally.api.pricing.CreatePriceBook;
import dev.tally.api.pricing.PriceBookCreated;
import dev.tally.api.pricing.PriceBookUsageRated;
import dev.tally.api.pricing.PriceVersionPublished;
import dev.tally.api.pricing.PublishPriceVersion;
import dev.tally.api.pricing.Rate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Versioned prices per meter. Published versions never change; the version in force at an instant is the one with
 * the latest start at or before it. A version may start in the past only before the first usage it would cover
 * has been rated.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class PriceBook {

    private static final int MAX_PRICE_DECIMALS = 12;
    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final Set<RoundingMode> ROUNDINGS = Set.of(RoundingMode.HALF_EVEN, RoundingMode.HALF_UP);

    @AggregateIdentifier
    private String aggregateId;
    private PriceBookId priceBookId;
    private Currency currency;
    private List<PriceVersionPublished> versions = new ArrayList<>();
    private Instant ratedThrough;

    PriceBook() {
    }

    @CommandHandler
    PriceBook(CreatePriceBook command) {
        new FieldErrors()
                .text(command.name(), "name", 200)
                .check(command.currency() != null, "currency", "is required")
                .check(command.createdAt() != null, "createdAt", "is required")
                .throwIfAny();
        apply(new PriceBookCreated(command.priceBookId(), command.name(), command.currency(), command.createdAt()));
    }

    @CommandHandler
    int handle(PublishPriceVersion command) {
        FieldErrors errors = new FieldErrors()
                .check(command.effectiveFrom() != null, "effectiveFrom", "is required: an ISO-8601 instant")
                .check(command.publishedAt() != null, "publishedAt", "is required")
                .check(command.rounding() == null || ROUNDINGS.contains(command.rounding()), "rounding",
                        "must be HALF_EVEN or HALF_UP")
                .check(command.rates() != null && !command.rates().isEmpty(), "rates", "must name at least one rate");
        List<Rate> rates = command.rates() == null ? List.of() : command.rates();
        for (int i = 0; i < rates.size(); i++) {
            Rate rate = rates.get(i);
            String at = "rates[" + i + "]";
            errors.check(rate.meter() != null, at + ".meter", "must be cpu, memory, gpu, storage or egress")
                    .check(rate.unit() != null && (rate.meter() == null || rate.unit().meter() == rate.meter()),
                            at + ".unit", "must be a unit of the meter (API.md, Prices)")
                    .check(rate.price() != null && rate.price().signum() >= 0
                                    && rate.price().stripTrailingZeros().scale() <= MAX_PRICE_DECIMALS,
                            at + ".price", "must be 0 or more, with at most 12 decimals");
        }
        errors.check(rates.stream().map(Rate::meter).distinct().count() == rates.size(), "rates",
                "must price each meter once");
        errors.throwIfAny();
        if (ratedThrough != null && !command.effectiveFrom().isAfter(ratedThrough)) {
            throw DomainException.conflict("usage up to " + ratedThrough + " has been rated with price book "
                    + priceBookId + "; a version starting at " + command.effectiveFrom() + " would re-rate it, "
                    + "which takes an explicit correction");
        }
        int version = versions.size() + 1;
        apply(new PriceVersionPublished(priceBookId, version, command.effectiveFrom(),
                command.rounding() == null ? RoundingMode.HALF_EVEN : command.rounding(), List.copyOf(rates),
                command.publishedAt()));
        return version;
    }

    @CommandHandler
    void handle(ConfirmPriceBookCurrency command) {
        if (!command.currency().equals(currency)) {
            throw DomainException.conflict("price book " + priceBookId + " prices in " + currency + ", not in "
                    + command.currency());
        }
    }

    /**
     * Rates a window's usage with the version in force at its start, and notes that usage up to the end of the hour
     * it starts in counts as rated with this book: a version must start after that. Claiming the whole hour keeps the
     * book to one such event an hour, however often scrapes come. Called through {@link PriceBookRating} in the
     * charging command's unit of work.
     */
    Optional<RatedUsage> rate(Instant windowStart, List<MeteredQuantity> quantities) {
        Optional<RatedUsage> rated = prices().rate(windowStart, quantities);
        if (rated.isPresent() && (ratedThrough == null || windowStart.isAfter(ratedThrough))) {
            apply(new PriceBookUsageRated(priceBookId, windowStart.truncatedTo(ChronoUnit.HOURS).plus(ONE_HOUR)));
        }
        return rated;
    }

    /** This book's prices as they stand. */
    BookPrices prices() {
        return new BookPrices(priceBookId, versions, ratedThrough);
    }

    @EventSourcingHandler
    void on(PriceBookCreated event) {
        aggregateId = event.priceBookId().aggregateId();
        priceBookId = event.priceBookId();
        currency = event.currency();
    }

    @EventSourcingHandler
    void on(PriceVersionPublished event) {
        versions.add(event);
    }

    @EventSourcingHandler
    void on(PriceBookUsageRated event) {
        ratedThrough = event.through();
    }
}

