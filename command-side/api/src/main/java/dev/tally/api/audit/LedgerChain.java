package dev.tally.api.audit;

import dev.tally.api.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The hash chain over an account's ledger (its {@code Credits} aggregate's events). Each event carries, in its
 * metadata, the hash of its predecessor ({@link #PREVIOUS_HASH}; {@link #GENESIS} for the first) and its own
 * ({@link #HASH}): SHA-256 over the predecessor's hash, the event's identity, the instant it was recorded and the
 * exact bytes of its stored payload. Set when the event is appended; an event changed afterwards no longer hashes to
 * what it carries, and one whose carried hash is changed too no longer matches its successor's.
 */
public final class LedgerChain {

    /** The aggregate type whose events are chained. */
    public static final String AGGREGATE_TYPE = "Credits";
    public static final String PREVIOUS_HASH = "ledgerPreviousHash";
    public static final String HASH = "ledgerHash";
    /** The predecessor of an account's first ledger event. */
    public static final String GENESIS = "0".repeat(64);

    private LedgerChain() {
    }

    /**
     * The hash of one stored event. {@code recordedAtMillis} is the event's timestamp in epoch milliseconds, the
     * precision the event store keeps.
     */
    public static String hash(String previousHash, String eventId, String aggregateId, long sequence,
                              long recordedAtMillis, String payloadType, byte[] payload) {
        String header = String.join("\n", previousHash, eventId, aggregateId, Long.toString(sequence),
                Long.toString(recordedAtMillis), payloadType, "");
        return HexFormat.of().formatHex(Sha256.of(header.getBytes(StandardCharsets.UTF_8), payload));
    }
}
