package dev.tally.query.audit;

import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.audit.LedgerChain;
import dev.tally.query.audit.LedgerChainView.Break;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Checks an account's ledger chain against the event store as stored, not the read models: each event, in sequence
 * order, must follow its predecessor, carry its predecessor's hash, and still hash to the hash it carries. The first
 * event that does not is named. Deleting the last event leaves no trace in the chain; deleting any other shows as a
 * gap.
 */
@RestController
public class LedgerChainController {

    private final StoredEvents storedEvents;
    private final Serializer serializer;

    public LedgerChainController(StoredEvents storedEvents, Serializer serializer) {
        this.storedEvents = storedEvents;
        this.serializer = serializer;
    }

    @GetMapping("/api/v1/audit/accounts/{accountId}/chain")
    public LedgerChainView chain(@PathVariable String accountId) {
        String ledgerId = AccountId.of(accountId).ledgerId();
        LedgerChainView chain = storedEvents.read(() -> {
            try (Stream<StoredEvent> events = storedEvents.ofAggregate(ledgerId)) {
                return check(accountId, events.iterator());
            }
        });
        if (chain.events() == 0) {
            throw DomainException.notFound("no ledger for account " + accountId);
        }
        return chain;
    }

    private LedgerChainView check(String accountId, Iterator<StoredEvent> events) {
        String previousHash = LedgerChain.GENESIS;
        long nextSequence = 0;
        long checked = 0;
        while (events.hasNext()) {
            StoredEvent event = events.next();
            checked++;
            MetaData metaData = event.metaData(serializer);
            Break broken = check(event, metaData, nextSequence, previousHash);
            if (broken != null) {
                return LedgerChainView.broken(accountId, checked, event.eventId(), broken);
            }
            previousHash = (String) metaData.get(LedgerChain.HASH);
            nextSequence = event.sequence() + 1;
        }
        return LedgerChainView.valid(accountId, checked);
    }

    /** Why {@code event} breaks the chain, or null when it does not. */
    private static Break check(StoredEvent event, MetaData metaData, long expectedSequence, String previousHash) {
        if (event.sequence() != expectedSequence) {
            return Break.SEQUENCE_GAP;
        }
        Object carriedPrevious = metaData.get(LedgerChain.PREVIOUS_HASH);
        Object carried = metaData.get(LedgerChain.HASH);
        if (carriedPrevious == null || carried == null) {
            return Break.NO_HASH;
        }
        if (!previousHash.equals(carriedPrevious)) {
            return Break.PREVIOUS_HASH_MISMATCH;
        }
        String hash = LedgerChain.hash(previousHash, event.eventId(), event.aggregateId(), event.sequence(),
                event.recordedAt().toEpochMilli(), event.payloadType(), event.payload());
        return hash.equals(carried) ? null : Break.HASH_MISMATCH;
    }
}
