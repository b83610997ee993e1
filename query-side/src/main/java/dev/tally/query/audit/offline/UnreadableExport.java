package dev.tally.query.audit.offline;

/** The input is not a ledger export this version can read: nothing can be recomputed from it. */
public class UnreadableExport extends RuntimeException {

    public UnreadableExport(String message) {
        super(message);
    }

    public UnreadableExport(String message, Throwable cause) {
        super(message, cause);
    }
}
