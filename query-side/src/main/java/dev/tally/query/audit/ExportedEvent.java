package dev.tally.query.audit;

import dev.tally.api.credits.LedgerAccount;

import java.math.BigDecimal;
import java.util.List;

/**
 * One ledger event as the exports write it: the stored event (its exact payload bytes, so its chain hash can be
 * redone), the event it deserializes to, the chain hashes its metadata carries (null before chaining), and its
 * postings, each with the account's balance after it, counted from zero over the export.
 */
public record ExportedEvent(StoredEvent stored,
                            String accountId,
                            Object event,
                            String kind,
                            String previousHash,
                            String hash,
                            List<ExportedPosting> postings,
                            String grantId,
                            String usageId,
                            String invoiceId) {

    /** One posting of an event; {@code posting} numbers the postings of one event from 0. */
    public record ExportedPosting(int posting,
                                  LedgerAccount debit,
                                  LedgerAccount credit,
                                  BigDecimal amount,
                                  String currency,
                                  BigDecimal balanceAfter) {
    }

    /** The type of the event: its class's simple name. */
    public String type() {
        String payloadType = stored.payloadType();
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
