package dev.tally.query.audit;

import java.time.Instant;
import java.util.List;

/** The result of verifying read models against a replay of the events. */
public record Verification(Instant verifiedAt,
                           int accountsChecked,
                           long eventsReplayed,
                           List<Mismatch> mismatches) {

    public boolean consistent() {
        return mismatches.isEmpty();
    }
}
