package dev.tally.query.audit;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

import static dev.tally.schema.jooq.Tables.AUDIT_VERIFICATION;

/**
 * The last verification of every account (by the schedule or an auditor), kept in the database so every engine node
 * reports the same one in its health details and metrics. Its first {@value #KEPT} mismatches are kept; the count is
 * exact.
 */
@Component
public class LastVerification {

    static final int KEPT = 100;
    private static final short ROW = 1;

    /** The last result as kept: {@code mismatchCount} is exact, {@code mismatches} at most the first 100. */
    public record Summary(Verification verification, int mismatchCount) {
    }

    private final DSLContext db;
    private final JsonMapper json;

    public LastVerification(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Verification record(Verification verification) {
        List<Mismatch> kept = verification.mismatches().stream().limit(KEPT).toList();
        var row = db.newRecord(AUDIT_VERIFICATION);
        row.setId(ROW);
        row.setVerifiedAt(verification.verifiedAt().atOffset(java.time.ZoneOffset.UTC));
        row.setAccountsChecked(verification.accountsChecked());
        row.setEventsReplayed(verification.eventsReplayed());
        row.setMismatchCount(verification.mismatches().size());
        row.setMismatches(json.writeValueAsString(kept));
        db.insertInto(AUDIT_VERIFICATION).set(row)
                .onConflict(AUDIT_VERIFICATION.ID).doUpdate().set(row)
                .execute();
        return verification;
    }

    public Optional<Summary> get() {
        return db.selectFrom(AUDIT_VERIFICATION).where(AUDIT_VERIFICATION.ID.eq(ROW)).fetchOptional()
                .map(row -> new Summary(new Verification(row.getVerifiedAt().toInstant(), row.getAccountsChecked(),
                        row.getEventsReplayed(), json.readValue(row.getMismatches(), new TypeReference<>() {
                        })), row.getMismatchCount()));
    }
}
