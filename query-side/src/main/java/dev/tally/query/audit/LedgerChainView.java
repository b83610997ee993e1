package dev.tally.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The check of one account's ledger chain: how many of its events were checked (all of them when {@code valid},
 * else up to the first broken one), and the first broken event with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerChainView(String accountId,
                              boolean valid,
                              long events,
                              String firstBrokenEventId,
                              Break reason) {

    public enum Break {
        /** The event carries no hash: stored without the chain, or its metadata was replaced. */
        NO_HASH,
        /** The event's sequence does not follow its predecessor's: an event before it is missing. */
        SEQUENCE_GAP,
        /** The predecessor's hash the event carries is not the hash its predecessor carries. */
        PREVIOUS_HASH_MISMATCH,
        /** The event, as stored, no longer hashes to the hash it carries. */
        HASH_MISMATCH
    }

    static LedgerChainView valid(String accountId, long events) {
        return new LedgerChainView(accountId, true, events, null, null);
    }

    static LedgerChainView broken(String accountId, long events, String eventId, Break reason) {
        return new LedgerChainView(accountId, false, events, eventId, reason);
    }
}
