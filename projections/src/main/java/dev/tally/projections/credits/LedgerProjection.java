package dev.tally.projections.credits;

import dev.tally.api.AccountId;
import dev.tally.api.credits.ChargeReversed;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.CreditsHeld;
import dev.tally.api.credits.CreditsRefunded;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.InvoicePaymentReceived;
import dev.tally.api.credits.LedgerMovement;
import dev.tally.api.credits.Posting;
import dev.tally.api.credits.PurchaseReversed;
import dev.tally.api.credits.UsageCharged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;

/**
 * The ledger read model: one entry per posting, keyed by the id of the event behind it and the posting's place in
 * that event, with the customer's balance after it, the movement's kind and what it traces back to
 * ({@link LedgerMovement}).
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
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(CreditsExpired event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(UsageCharged event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(DebtSettled event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(CreditsRefunded event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(ChargeReversed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(InvoicePaymentReceived event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(PurchaseReversed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    @EventHandler
    void on(CreditsHeld event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(message, event.accountId(), sequence, at, event);
    }

    /**
     * All postings of one event at once, so a redelivery conflicts on the first and adds none. Each posting's balance
     * is the balance after the account's last posting of an earlier event (zero before its first) plus the postings
     * so far, read in the same statement: one round trip an event, which a rebuild repeats for every ledger event.
     */
    private void record(EventMessage<?> message, AccountId accountId, long sequence, Instant at, Object event) {
        LedgerMovement movement = LedgerMovement.of(event).orElseThrow();
        List<Posting> postings = movement.postings();
        if (postings.isEmpty()) {
            return;
        }
        Field<BigDecimal> before = DSL.coalesce(DSL.field(DSL.select(LEDGER_ENTRY.BALANCE_AFTER)
                .from(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.ACCOUNT_ID.eq(accountId.value())
                        .and(LEDGER_ENTRY.SEQUENCE.lt(sequence)))
                .orderBy(LEDGER_ENTRY.SEQUENCE.desc(), LEDGER_ENTRY.POSTING.desc())
                .limit(1)), BigDecimal.ZERO);
        Select<Record> rows = null;
        BigDecimal change = BigDecimal.ZERO;
        for (int index = 0; index < postings.size(); index++) {
            Posting posting = postings.get(index);
            change = change.add(posting.customerCreditChange());
            Select<Record> row = DSL.select(List.of(
                    DSL.val(message.getIdentifier(), LEDGER_ENTRY.EVENT_ID), DSL.val(index, LEDGER_ENTRY.POSTING),
                    DSL.val(accountId.value(), LEDGER_ENTRY.ACCOUNT_ID), DSL.val(sequence, LEDGER_ENTRY.SEQUENCE),
                    DSL.val(utc(at), LEDGER_ENTRY.AT), DSL.val(movement.kind(), LEDGER_ENTRY.KIND),
                    DSL.val(posting.debit().name(), LEDGER_ENTRY.DEBIT),
                    DSL.val(posting.credit().name(), LEDGER_ENTRY.CREDIT),
                    DSL.val(posting.amount().amount(), LEDGER_ENTRY.AMOUNT),
                    DSL.val(posting.amount().currency().getCurrencyCode(), LEDGER_ENTRY.CURRENCY),
                    before.plus(DSL.val(change, LEDGER_ENTRY.BALANCE_AFTER)),
                    DSL.val(movement.grantId(), LEDGER_ENTRY.GRANT_ID),
                    DSL.val(movement.usageId(), LEDGER_ENTRY.USAGE_ID),
                    DSL.val(movement.priceBookId() == null ? null : movement.priceBookId().value(),
                            LEDGER_ENTRY.PRICE_BOOK_ID),
                    DSL.val(movement.priceVersion(), LEDGER_ENTRY.PRICE_VERSION),
                    DSL.val(movement.invoiceId(), LEDGER_ENTRY.INVOICE_ID)));
            rows = rows == null ? row : rows.unionAll(row);
        }
        db.insertInto(LEDGER_ENTRY)
                .columns(List.of(LEDGER_ENTRY.EVENT_ID, LEDGER_ENTRY.POSTING, LEDGER_ENTRY.ACCOUNT_ID,
                        LEDGER_ENTRY.SEQUENCE, LEDGER_ENTRY.AT, LEDGER_ENTRY.KIND, LEDGER_ENTRY.DEBIT,
                        LEDGER_ENTRY.CREDIT, LEDGER_ENTRY.AMOUNT, LEDGER_ENTRY.CURRENCY, LEDGER_ENTRY.BALANCE_AFTER,
                        LEDGER_ENTRY.GRANT_ID, LEDGER_ENTRY.USAGE_ID, LEDGER_ENTRY.PRICE_BOOK_ID,
                        LEDGER_ENTRY.PRICE_VERSION, LEDGER_ENTRY.INVOICE_ID))
                .select(rows)
                .onConflictDoNothing()
                .execute();
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(LEDGER_ENTRY).execute();
    }
}
