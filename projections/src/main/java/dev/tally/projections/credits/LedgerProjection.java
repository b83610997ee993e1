package dev.tally.projections.credits;

import dev.tally.api.AccountId;
import dev.tally.api.PriceBookId;
import dev.tally.api.credits.ChargeReversed;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.CreditsHeld;
import dev.tally.api.credits.CreditsRefunded;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.InvoicePaymentReceived;
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
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;

/**
 * The ledger read model: one entry per posting, keyed by the id of the event behind it and the posting's place in
 * that event, with the customer's balance after it. Kinds name the business movement ({@code GRANT_PURCHASE},
 * {@code EXPIRY}, {@code USAGE_CHARGE}, {@code DEBT_SETTLED}, {@code REFUND}, {@code REVERSAL},
 * {@code INVOICE_PAYMENT}, {@code PURCHASE_REFUNDED}, {@code DISPUTE_HOLD}).
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
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "GRANT_" + event.kind(),
                Reference.grant(event.grantId()), new Posting(event.debit(), event.credit(), event.amount()));
    }

    @EventHandler
    void on(CreditsExpired event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "EXPIRY",
                Reference.grant(event.grantId()), new Posting(event.debit(), event.credit(), event.amount()));
    }

    /** Up to two postings: what the customer's credit paid, and what went past the allowance or accrued. */
    @EventHandler
    void on(UsageCharged event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "USAGE_CHARGE",
                new Reference(null, event.usageId(), event.priceBookId(), event.priceVersion(), null),
                event.postings());
    }

    @EventHandler
    void on(DebtSettled event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "DEBT_SETTLED",
                Reference.grant(event.grantId()), new Posting(event.debit(), event.credit(), event.amount()));
    }

    @EventHandler
    void on(CreditsRefunded event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "REFUND",
                Reference.grant(event.grantId()), new Posting(event.debit(), event.credit(), event.amount()));
    }

    /** The charge it corrects, when named, is the usage it was for. */
    @EventHandler
    void on(ChargeReversed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "REVERSAL",
                new Reference(null, event.chargeId(), null, null, null),
                new Posting(event.debit(), event.credit(), event.amount()));
    }

    @EventHandler
    void on(InvoicePaymentReceived event, EventMessage<?> message, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "INVOICE_PAYMENT",
                new Reference(null, null, null, null, event.invoiceId().value()),
                new Posting(event.debit(), event.credit(), event.amount()));
    }

    @EventHandler
    void on(PurchaseReversed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "PURCHASE_REFUNDED",
                Reference.grant(event.grantId()), new Posting(event.debit(), event.credit(), event.amount()));
    }

    @EventHandler
    void on(CreditsHeld event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        record(new Source(message.getIdentifier(), event.accountId(), sequence, at), "DISPUTE_HOLD",
                Reference.grant(event.grantId()), new Posting(event.debit(), event.credit(), event.amount()));
    }

    private void record(Source source, String kind, Reference reference, Posting posting) {
        record(source, kind, reference, List.of(posting));
    }

    /** All postings of one event at once, so a redelivery conflicts on the first and adds none. */
    private void record(Source source, String kind, Reference reference, List<Posting> postings) {
        if (postings.isEmpty()) {
            return;
        }
        var insert = db.insertInto(LEDGER_ENTRY, LEDGER_ENTRY.EVENT_ID, LEDGER_ENTRY.POSTING, LEDGER_ENTRY.ACCOUNT_ID,
                LEDGER_ENTRY.SEQUENCE, LEDGER_ENTRY.AT, LEDGER_ENTRY.KIND, LEDGER_ENTRY.DEBIT, LEDGER_ENTRY.CREDIT,
                LEDGER_ENTRY.AMOUNT, LEDGER_ENTRY.CURRENCY, LEDGER_ENTRY.BALANCE_AFTER, LEDGER_ENTRY.GRANT_ID,
                LEDGER_ENTRY.USAGE_ID, LEDGER_ENTRY.PRICE_BOOK_ID, LEDGER_ENTRY.PRICE_VERSION, LEDGER_ENTRY.INVOICE_ID);
        BigDecimal balance = balanceBefore(source);
        for (int index = 0; index < postings.size(); index++) {
            Posting posting = postings.get(index);
            balance = balance.add(posting.customerCreditChange());
            insert = insert.values(source.eventId(), index, source.accountId().value(), source.sequence(),
                    utc(source.at()), kind, posting.debit().name(), posting.credit().name(),
                    posting.amount().amount(), posting.amount().currency().getCurrencyCode(), balance,
                    reference.grantId(), reference.usageId(),
                    reference.priceBookId() == null ? null : reference.priceBookId().value(),
                    reference.priceVersion(), reference.invoiceId());
        }
        insert.onConflictDoNothing().execute();
    }

    /** The balance after the account's last posting of an earlier event; zero before its first. */
    private BigDecimal balanceBefore(Source source) {
        return db.select(LEDGER_ENTRY.BALANCE_AFTER)
                .from(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.ACCOUNT_ID.eq(source.accountId().value())
                        .and(LEDGER_ENTRY.SEQUENCE.lt(source.sequence())))
                .orderBy(LEDGER_ENTRY.SEQUENCE.desc(), LEDGER_ENTRY.POSTING.desc())
                .limit(1)
                .fetchOptional(LEDGER_ENTRY.BALANCE_AFTER)
                .orElse(BigDecimal.ZERO);
    }

    @ResetHandler
    void reset() {
        db.truncate(LEDGER_ENTRY).execute();
    }

    /** The event behind the entries. */
    private record Source(String eventId, AccountId accountId, long sequence, Instant at) {
    }

    /** What the entries trace back to: the grant they moved, or the usage and the prices it was rated with. */
    private record Reference(String grantId, String usageId, PriceBookId priceBookId, Integer priceVersion,
                             String invoiceId) {

        static Reference grant(String grantId) {
            return new Reference(grantId, null, null, null, null);
        }
    }
}
