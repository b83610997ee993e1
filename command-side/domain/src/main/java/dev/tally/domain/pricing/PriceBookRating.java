package dev.tally.domain.pricing;

import dev.tally.api.PriceBookId;
import dev.tally.api.metering.MeteredQuantity;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rating by the PriceBook aggregate itself, loaded in the charging command's unit of work: the book stays locked
 * until that work commits, so a version published meanwhile either sees the usage as rated or is rated with.
 */
@Component
class PriceBookRating implements PriceRating {

    private final Repository<PriceBook> priceBooks;

    PriceBookRating(Repository<PriceBook> priceBookRepository) {
        this.priceBooks = priceBookRepository;
    }

    @Override
    public Optional<RatedUsage> rate(PriceBookId priceBookId, Instant windowStart,
                                     List<MeteredQuantity> quantities) {
        return priceBooks.load(priceBookId.aggregateId())
                .invoke(book -> book.rate(windowStart, quantities));
    }
}
