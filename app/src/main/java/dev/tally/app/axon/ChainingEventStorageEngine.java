package dev.tally.app.axon;

import dev.tally.api.audit.LedgerChain;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDBC event storage engine that links each ledger event (of a {@link LedgerChain#AGGREGATE_TYPE} aggregate) to
 * its predecessor as it is appended: the event is stored with its predecessor's hash and its own in its metadata,
 * hashed over the payload bytes the engine stores (the same serializer, to {@code byte[]}, the engine's default data
 * type).
 * <p>
 * The predecessor's hash comes from, in turn: this batch, this transaction's earlier appends, a bounded cache of
 * the heads of committed chains, and the stored predecessor. The cache learns a head only in Spring's
 * {@code afterCommit} of the outermost transaction: an Axon unit of work can "commit" inside a Spring transaction that
 * later rolls back, and a head remembered then would chain the next event to one that was never stored. A cached
 * head is used only when it is the event's direct predecessor, so a head from another engine's append, or one
 * evicted, costs a read of the stored predecessor and nothing else.
 */
public class ChainingEventStorageEngine extends JdbcEventStorageEngine {

    /** About 200 bytes each; a ledger past this many busy accounts reads its predecessor once per transaction. */
    private static final int CACHED_HEADS = 10_000;

    private record Head(long sequence, String hash) {
    }

    private final TransactionManager transactionManager;
    private final Map<String, Head> committedHeads = Collections.synchronizedMap(
            new LinkedHashMap<>(1_024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                    return size() > CACHED_HEADS;
                }
            });

    /**
     * {@code transactionManager} is set on the builder too. It must start Spring transactions: with any other, the
     * engine still chains every event but caches no head, and reads each append's predecessor from the store.
     */
    public ChainingEventStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager) {
        super(builder.transactionManager(transactionManager));
        this.transactionManager = transactionManager;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.stream().noneMatch(ChainingEventStorageEngine::isLedgerEvent)) {
            super.appendEvents(events, serializer);
            return;
        }
        transactionManager.executeInTransaction(() -> {
            Map<String, Head> transactionHeads = transactionHeads();
            Map<String, Head> batchHeads = new HashMap<>(transactionHeads);
            super.appendEvents(chained(events, batchHeads, serializer), serializer);
            transactionHeads.putAll(batchHeads);
        });
    }

    private static boolean isLedgerEvent(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent
                && LedgerChain.AGGREGATE_TYPE.equals(domainEvent.getType());
    }

    /** The events, each ledger event with its hashes; {@code heads} is updated with each ledger event hashed. */
    private List<EventMessage<?>> chained(List<? extends EventMessage<?>> events, Map<String, Head> heads,
                                          Serializer serializer) {
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (!isLedgerEvent(event)) {
                chained.add(event);
                continue;
            }
            DomainEventMessage<?> ledgerEvent = (DomainEventMessage<?>) event;
            String aggregateId = ledgerEvent.getAggregateIdentifier();
            long sequence = ledgerEvent.getSequenceNumber();
            String previousHash = previousHash(aggregateId, sequence, heads.get(aggregateId), serializer);
            SerializedObject<byte[]> payload = ledgerEvent.serializePayload(serializer, byte[].class);
            String hash = LedgerChain.hash(previousHash, ledgerEvent.getIdentifier(), aggregateId, sequence,
                    ledgerEvent.getTimestamp().toEpochMilli(), payload.getType().getName(), payload.getData());
            heads.put(aggregateId, new Head(sequence, hash));
            chained.add(new HashedEvent<>(ledgerEvent,
                    Map.of(LedgerChain.PREVIOUS_HASH, previousHash, LedgerChain.HASH, hash)));
        }
        return chained;
    }

    private String previousHash(String aggregateId, long sequence, Head uncommitted, Serializer serializer) {
        if (sequence == 0) {
            return LedgerChain.GENESIS;
        }
        Head head = uncommitted != null ? uncommitted : committedHeads.get(aggregateId);
        if (head != null && head.sequence() == sequence - 1) {
            return head.hash();
        }
        return storedHash(aggregateId, sequence - 1, serializer);
    }

    /**
     * The hash the stored event carries, read in the append's transaction. One stored before the chain existed (or
     * missing) starts the chain again from {@link LedgerChain#GENESIS}; the chain's check reports it.
     */
    private String storedHash(String aggregateId, long sequence, Serializer serializer) {
        EventSchema schema = schema();
        String sql = "SELECT " + schema.metaDataColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " = ?";
        try (Connection connection = getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, aggregateId);
            statement.setLong(2, sequence);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return LedgerChain.GENESIS;
                }
                MetaData metaData = serializer.deserialize(new SimpleSerializedObject<>(
                        row.getBytes(1), byte[].class, MetaData.class.getName(), null));
                Object hash = metaData.get(LedgerChain.HASH);
                return hash == null ? LedgerChain.GENESIS : hash.toString();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading the ledger chain's head of " + aggregateId + " failed", e);
        }
    }

    /**
     * The heads this transaction has appended, uncommitted: registered with the transaction on first use and copied
     * to the cache after it commits. Without Spring's transaction synchronization nothing would say when, so the
     * heads are kept for this append only.
     */
    private Map<String, Head> transactionHeads() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof UncommittedHeads uncommitted && uncommitted.engine() == this) {
                return uncommitted.heads;
            }
        }
        UncommittedHeads uncommitted = new UncommittedHeads();
        TransactionSynchronizationManager.registerSynchronization(uncommitted);
        return uncommitted.heads;
    }

    /**
     * A ledger event with its hashes in its metadata. Its payload is serialized by the event it was made from, whose
     * serialization the hash was computed over and is cached: a copy made with {@code andMetaData} would serialize
     * the payload a second time when stored.
     */
    private static final class HashedEvent<T> extends GenericDomainEventMessage<T> {

        private final DomainEventMessage<T> original;

        HashedEvent(DomainEventMessage<T> original, Map<String, String> hashes) {
            super(original.getType(), original.getAggregateIdentifier(), original.getSequenceNumber(),
                    new GenericMessage<>(original.getIdentifier(), original.getPayload(),
                            original.getMetaData().mergedWith(hashes)),
                    original.getTimestamp());
            this.original = original;
        }

        @Override
        public <R> SerializedObject<R> serializePayload(Serializer serializer, Class<R> expectedRepresentation) {
            return original.serializePayload(serializer, expectedRepresentation);
        }
    }

    private final class UncommittedHeads implements TransactionSynchronization {

        private final Map<String, Head> heads = new HashMap<>();

        private ChainingEventStorageEngine engine() {
            return ChainingEventStorageEngine.this;
        }

        @Override
        public void afterCommit() {
            committedHeads.putAll(heads);
        }
    }
}
