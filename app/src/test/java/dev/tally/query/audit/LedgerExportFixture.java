package dev.tally.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tally.api.AccountId;
import dev.tally.api.audit.LedgerChain;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A ledger export of hand-written events, written by the export's own JSON writer without a database: each event
 * serialized as Axon's Jackson serializer stores it, numbered per account, and hashed with
 * {@link LedgerChain#hash} as the event store's appender hashes it.
 */
public final class LedgerExportFixture {

    /** Jackson 2 as the engine's Axon serializer is configured (AxonConfig). */
    private static final ObjectMapper AXON_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LedgerJsonWriter writer;
    private final Map<String, BigDecimal> balances = new HashMap<>();
    private final Map<String, String> lastHashes = new HashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant recordedAt = Instant.parse("2026-06-01T08:00:00.123Z");
    private long globalIndex;

    private LedgerExportFixture() {
        this.writer = new LedgerJsonWriter(out, Instant.parse("2026-07-01T00:00:00Z"), null);
    }

    /** Events carrying their chain hashes, as the engine appends them. */
    public static LedgerExportFixture ledger() {
        return new LedgerExportFixture();
    }

    /** Appends {@code event} to the ledger of {@code accountId}; returns its event id. */
    public String append(String accountId, Object event) {
        String eventId = UUID.randomUUID().toString();
        String aggregateId = AccountId.of(accountId).ledgerId();
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        recordedAt = recordedAt.plus(Duration.ofMinutes(1));
        byte[] payload;
        try {
            payload = AXON_JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        String payloadType = event.getClass().getName();
        String previous = lastHashes.getOrDefault(aggregateId, LedgerChain.GENESIS);
        String hash = LedgerChain.hash(previous, eventId, aggregateId, sequence, recordedAt.toEpochMilli(),
                payloadType, payload);
        lastHashes.put(aggregateId, hash);
        StoredEvent stored = new StoredEvent(globalIndex++, eventId, LedgerChain.AGGREGATE_TYPE, aggregateId,
                sequence, recordedAt, payloadType, null, payload, null);
        writer.write(LedgerExports.exported(stored, event, previous, hash, balances));
        return eventId;
    }

    /** The export, complete. */
    public byte[] export() {
        writer.finish();
        return out.toByteArray();
    }
}
