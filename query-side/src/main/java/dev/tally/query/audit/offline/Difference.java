package dev.tally.query.audit.offline;

/**
 * One figure of an export that is not what recomputing it gives: {@code what} it is, what the export {@code stated}
 * and what was {@code recomputed}, and the event it is on (null for a figure of the whole export, such as a
 * currency's trial balance).
 */
public record Difference(String eventId, String accountId, Long sequence, String what, String stated,
                         String recomputed) {

    @Override
    public String toString() {
        String where = eventId == null ? (accountId == null ? "export" : "account " + accountId)
                : "event " + eventId + " (account " + accountId + ", sequence " + sequence + ")";
        return where + ": " + what + ": stated " + (stated == null ? "nothing" : stated) + ", recomputed "
                + (recomputed == null ? "nothing" : recomputed);
    }
}
