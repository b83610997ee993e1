package dev.tally.projections.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.LedgerAccount;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;

/**
 * The ledger read model: one entry per posting, keyed by the id of the event behind it, with the customer's balance
 * after it. Kinds name the business movement ({@code GRANT_PURCHASE}, {@code EXPIRY}, ...).
 */
@Component
@ProcessingGroup(LedgerProjection.PROCESSING_GROUP)
public class LedgerProjection {

    public static final String PROCESSING_GROUP = "ledger";

    private final DSLContext db;

    public LedgerProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(CreditsGranted event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Posting(message.getIdentifier(), event.accountId(), sequence, at, "GRANT_" + event.kind(),
                event.debit(), event.credit(), event.amount(), event.grantId()));
    }

    @EventHandler
    void on(CreditsExpired event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Posting(message.getIdentifier(), event.accountId(), sequence, at, "EXPIRY",
                event.debit(), event.credit(), event.amount(), event.grantId()));
    }

    private void record(Posting posting) {
        BigDecimal before = db.select(LEDGER_ENTRY.BALANCE_AFTER)
                .from(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.ACCOUNT_ID.eq(posting.accountId().value())
                        .and(LEDGER_ENTRY.SEQUENCE.lt(posting.sequence())))
                .orderBy(LEDGER_ENTRY.SEQUENCE.desc())
                .limit(1)
                .fetchOptional(LEDGER_ENTRY.BALANCE_AFTER)
                .orElse(BigDecimal.ZERO);
        db.insertInto(LEDGER_ENTRY)
                .set(LEDGER_ENTRY.EVENT_ID, posting.eventId())
                .set(LEDGER_ENTRY.ACCOUNT_ID, posting.accountId().value())
                .set(LEDGER_ENTRY.SEQUENCE, posting.sequence())
                .set(LEDGER_ENTRY.AT, utc(posting.at()))
                .set(LEDGER_ENTRY.KIND, posting.kind())
                .set(LEDGER_ENTRY.DEBIT, posting.debit().name())
                .set(LEDGER_ENTRY.CREDIT, posting.credit().name())
                .set(LEDGER_ENTRY.AMOUNT, posting.amount().amount())
                .set(LEDGER_ENTRY.CURRENCY, posting.amount().currency().getCurrencyCode())
                .set(LEDGER_ENTRY.BALANCE_AFTER, before.add(posting.customerDelta()))
                .set(LEDGER_ENTRY.GRANT_ID, posting.grantId())
                .onConflictDoNothing()
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(LEDGER_ENTRY).execute();
    }

    private record Posting(String eventId, AccountId accountId, long sequence, Instant at, String kind,
                           LedgerAccount debit, LedgerAccount credit, Money amount, String grantId) {

        /** What the posting does to the customer's credit: a credit to it raises the balance, a debit lowers it. */
        BigDecimal customerDelta() {
            if (credit == LedgerAccount.CUSTOMER_CREDIT) {
                return amount.amount();
            }
            return debit == LedgerAccount.CUSTOMER_CREDIT ? amount.amount().negate() : BigDecimal.ZERO;
        }
    }
}
