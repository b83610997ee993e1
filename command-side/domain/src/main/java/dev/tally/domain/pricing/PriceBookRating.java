package dev.tally.domain.pricing;

import dev.tally.api.PriceBookId;
import dev.tally.api.metering.MeteredQuantity;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rating with a price book. A window the book has already claimed as rated is priced from the book's last committed
 * state, without loading it: no version can start there any more, so every later state prices it the same. Any other
 * window is rated by the PriceBook aggregate itself, loaded in the charging command's unit of work, which keeps the
 * book locked until that work commits, so a version published meanwhile either sees the usage as rated or is rated
 * with. The committed state is remembered only once that work has committed. So the book is locked about once an
 * hour (when the rated hour moves on), not by every scrape: scrapes of clusters sharing a book run side by side.
 */
@Component
class PriceBookRating implements PriceRating {

    private final Repository<PriceBook> priceBooks;
    private final Map<PriceBookId, BookPrices> committed = new ConcurrentHashMap<>();

    PriceBookRating(Repository<PriceBook> priceBookRepository) {
        this.priceBooks = priceBookRepository;
    }

    @Override
    public Optional<RatedUsage> rate(PriceBookId priceBookId, Instant windowStart,
                                     List<MeteredQuantity> quantities) {
        BookPrices settled = committed.get(priceBookId);
        if (settled != null && settled.settles(windowStart)) {
            return settled.rate(windowStart, quantities);
        }
        return priceBooks.load(priceBookId.aggregateId()).invoke(book -> {
            Optional<RatedUsage> rated = book.rate(windowStart, quantities);
            BookPrices prices = book.prices();
            afterCommit(() -> committed.merge(priceBookId, prices, BookPrices::later));
            return rated;
        });
    }

    /**
     * Runs once the outermost transaction commits: Spring's when there is one (an Axon unit of work can commit inside
     * a Spring transaction that later rolls back), else the root unit of work's.
     */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
