package dev.tally.query.audit;

import dev.tally.api.AccountId;
import dev.tally.api.audit.LedgerChain;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.credits.LedgerMovement;
import dev.tally.api.credits.Posting;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The ledger events of one account, or of all, read from the event store (never the read models) through a cursor
 * in a read-only transaction, and handed on one at a time with their postings and running balances. Memory holds
 * one event and a balance per account, however long the ledger.
 */
@Component
public class LedgerExports {

    private final StoredEvents storedEvents;
    private final Serializer serializer;

    public LedgerExports(StoredEvents storedEvents, Serializer serializer) {
        this.storedEvents = storedEvents;
        this.serializer = serializer;
    }

    /** Whether the account has a ledger: any event at all. */
    public boolean hasLedger(AccountId accountId) {
        return Boolean.TRUE.equals(storedEvents.read(() -> {
            try (Stream<StoredEvent> events = storedEvents.ofAggregate(accountId.ledgerId())) {
                return events.findFirst().isPresent();
            }
        }));
    }

    /** Hands every event of the account's ledger, in sequence order, to {@code sink}. */
    public void ofAccount(AccountId accountId, Consumer<ExportedEvent> sink) {
        export(() -> storedEvents.ofAggregate(accountId.ledgerId()), sink);
    }

    /** Hands every ledger event of every account, in the order appended, to {@code sink}. */
    public void ofAllAccounts(Consumer<ExportedEvent> sink) {
        export(() -> storedEvents.ofAggregateType(LedgerChain.AGGREGATE_TYPE), sink);
    }

    private void export(Supplier<Stream<StoredEvent>> query, Consumer<ExportedEvent> sink) {
        Map<String, BigDecimal> balances = new HashMap<>();
        storedEvents.read(() -> {
            try (Stream<StoredEvent> events = query.get()) {
                events.forEach(stored -> sink.accept(exported(stored, balances)));
            }
            return null;
        });
    }

    private ExportedEvent exported(StoredEvent stored, Map<String, BigDecimal> balances) {
        MetaData metaData = stored.metaData(serializer);
        return exported(stored, stored.payload(serializer), text(metaData.get(LedgerChain.PREVIOUS_HASH)),
                text(metaData.get(LedgerChain.HASH)), balances);
    }

    /**
     * One stored event as exported: its kind and postings, each with the balance after it, counted on from the
     * account's balance in {@code balances} (zero before its first posting), which it updates.
     */
    static ExportedEvent exported(StoredEvent stored, Object event, String previousHash, String hash,
                                  Map<String, BigDecimal> balances) {
        String accountId = AccountId.ofLedger(stored.aggregateId()).value();
        Optional<LedgerMovement> movement = LedgerMovement.of(event);
        List<Posting> moved = movement.map(LedgerMovement::postings).orElse(List.of());
        List<ExportedEvent.ExportedPosting> postings = new ArrayList<>();
        BigDecimal balance = balances.getOrDefault(accountId, BigDecimal.ZERO);
        for (int index = 0; index < moved.size(); index++) {
            Posting posting = moved.get(index);
            balance = balance.add(posting.customerCreditChange());
            postings.add(new ExportedEvent.ExportedPosting(index, posting.debit(), posting.credit(),
                    posting.amount().amount(), posting.amount().currency().getCurrencyCode(), balance));
        }
        balances.put(accountId, balance);
        return new ExportedEvent(stored, accountId, event, movement.map(LedgerMovement::kind).orElse(null),
                previousHash, hash, postings, movement.map(LedgerMovement::grantId).orElse(null),
                movement.map(LedgerMovement::usageId).orElse(null),
                event instanceof PeriodClosed closed ? closed.invoiceId().value()
                        : movement.map(LedgerMovement::invoiceId).orElse(null));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
