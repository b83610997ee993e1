package dev.tally.query.audit;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads the event store's rows as they are stored (Axon's {@code domainevententry}, which only Axon writes): by
 * aggregate in sequence order, or by aggregate type or identifier in the order they were appended; every lookup
 * uses one of the table's indexes. The streams are cursors, so callers run them inside a transaction
 * ({@link #read}) and close them.
 */
@Component
public class StoredEvents {

    private static final int FETCH_SIZE = 500;
    private static final Table<Record> EVENTS = DSL.table(DSL.name("domainevententry"));
    private static final Field<Long> GLOBAL_INDEX = DSL.field(DSL.name("globalindex"), SQLDataType.BIGINT);
    private static final Field<String> EVENT_ID = DSL.field(DSL.name("eventidentifier"), SQLDataType.VARCHAR);
    private static final Field<String> TYPE = DSL.field(DSL.name("type"), SQLDataType.VARCHAR);
    private static final Field<String> AGGREGATE_ID = DSL.field(DSL.name("aggregateidentifier"), SQLDataType.VARCHAR);
    private static final Field<Long> SEQUENCE = DSL.field(DSL.name("sequencenumber"), SQLDataType.BIGINT);
    private static final Field<String> TIMESTAMP = DSL.field(DSL.name("timestamp"), SQLDataType.VARCHAR);
    private static final Field<String> PAYLOAD_TYPE = DSL.field(DSL.name("payloadtype"), SQLDataType.VARCHAR);
    private static final Field<String> PAYLOAD_REVISION = DSL.field(DSL.name("payloadrevision"), SQLDataType.VARCHAR);
    private static final Field<byte[]> PAYLOAD = DSL.field(DSL.name("payload"), SQLDataType.BLOB);
    private static final Field<byte[]> META_DATA = DSL.field(DSL.name("metadata"), SQLDataType.BLOB);

    private final DSLContext db;
    private final TransactionTemplate readOnly;

    public StoredEvents(DSLContext db, PlatformTransactionManager transactions) {
        this.db = db;
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    /** Runs {@code reading} in a read-only transaction, which the cursors need. */
    public <T> T read(Supplier<T> reading) {
        return readOnly.execute(status -> reading.get());
    }

    /** Every event of one aggregate, from its first (never from a snapshot), in sequence order. */
    public Stream<StoredEvent> ofAggregate(String aggregateId) {
        return stream(select(AGGREGATE_ID.eq(aggregateId)).orderBy(SEQUENCE));
    }

    /** Every event of one aggregate type, in the order appended. */
    public Stream<StoredEvent> ofAggregateType(String aggregateType) {
        return stream(select(TYPE.eq(aggregateType)).orderBy(GLOBAL_INDEX));
    }

    /** The first event of every aggregate of one type: one per aggregate, in the order they were created. */
    public Stream<StoredEvent> firstEventsOf(String aggregateType) {
        return stream(select(TYPE.eq(aggregateType).and(SEQUENCE.eq(0L))).orderBy(GLOBAL_INDEX));
    }

    /** The events with these identifiers, in the order appended; unknown identifiers are left out. */
    public Stream<StoredEvent> withIds(Collection<String> eventIds) {
        List<String> ids = List.copyOf(eventIds);
        return IntStream.iterate(0, from -> from < ids.size(), from -> from + FETCH_SIZE)
                .mapToObj(from -> ids.subList(from, Math.min(ids.size(), from + FETCH_SIZE)))
                .flatMap(batch -> stream(select(EVENT_ID.in(batch)).orderBy(GLOBAL_INDEX)));
    }

    private SelectConditionStep<Record> select(Condition condition) {
        return db.select(List.of(GLOBAL_INDEX, EVENT_ID, TYPE, AGGREGATE_ID, SEQUENCE, TIMESTAMP, PAYLOAD_TYPE,
                        PAYLOAD_REVISION, PAYLOAD, META_DATA))
                .from(EVENTS)
                .where(condition);
    }

    private static Stream<StoredEvent> stream(ResultQuery<? extends Record> query) {
        return query.fetchSize(FETCH_SIZE).fetchStream().map(row -> new StoredEvent(
                row.get(GLOBAL_INDEX), row.get(EVENT_ID), row.get(TYPE), row.get(AGGREGATE_ID), row.get(SEQUENCE),
                Instant.parse(row.get(TIMESTAMP)), row.get(PAYLOAD_TYPE), row.get(PAYLOAD_REVISION),
                row.get(PAYLOAD), row.get(META_DATA)));
    }
}
