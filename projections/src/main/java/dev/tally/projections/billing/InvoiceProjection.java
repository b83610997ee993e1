package dev.tally.projections.billing;

import dev.tally.api.InvoiceId;
import dev.tally.api.billing.CreditNoteIssued;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.billing.InvoicePaid;
import dev.tally.api.billing.InvoicePaymentFailed;
import dev.tally.api.billing.InvoiceSentToStripe;
import dev.tally.api.billing.InvoiceVoided;
import dev.tally.schema.jooq.tables.records.InvoiceRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.CREDIT_NOTE;
import static dev.tally.schema.jooq.Tables.INVOICE;
import static dev.tally.schema.jooq.Tables.INVOICE_LINE;

/**
 * The invoices read model: one row per invoice with its status and totals, the draft's lines, and the credit notes
 * against it. Fed by the Invoice aggregates only, so one invoice's events arrive in order, the draft first. Times are
 * the ones the events carry, so a replay writes the same rows.
 */
@Component
@ProcessingGroup(InvoiceProjection.PROCESSING_GROUP)
public class InvoiceProjection {

    public static final String PROCESSING_GROUP = "invoices";

    private final DSLContext db;

    public InvoiceProjection(DSLContext db) {
        this.db = db;
    }

    /** A draft's lines never change (a finalized invoice is never rewritten), so they are inserted once with it. */
    @EventHandler
    void on(InvoiceDrafted event, @SequenceNumber long sequence) {
        String invoiceId = event.invoiceId().value();
        db.insertInto(INVOICE)
                .set(INVOICE.ID, invoiceId)
                .set(INVOICE.ACCOUNT_ID, event.accountId().value())
                .set(INVOICE.PERIOD_START, utc(event.periodStart()))
                .set(INVOICE.PERIOD_END, utc(event.periodEnd()))
                .set(INVOICE.STATUS, "DRAFT")
                .set(INVOICE.BILLING_MODE, event.billingMode().name())
                .set(INVOICE.CURRENCY, event.total().currency().getCurrencyCode())
                .set(INVOICE.SUBTOTAL, event.subtotal().amount())
                .set(INVOICE.CREDITS_APPLIED, event.creditsApplied().amount())
                .set(INVOICE.TOTAL, event.total().amount())
                .set(INVOICE.CREDITED, BigDecimal.ZERO)
                .set(INVOICE.DRAFTED_AT, utc(event.draftedAt()))
                .set(INVOICE.LAST_SEQUENCE, sequence)
                .onConflictDoNothing()
                .execute();
        insertLines(invoiceId, event.lines());
    }

    @EventHandler
    void on(InvoiceFinalized event, @SequenceNumber long sequence) {
        apply(event.invoiceId(), sequence, db.update(INVOICE)
                .set(INVOICE.STATUS, "FINALIZED")
                .set(INVOICE.NUMBER, event.number())
                .set(INVOICE.FINALIZED_AT, utc(event.finalizedAt()))
                .set(INVOICE.DUE_AT, utc(event.dueAt())));
    }

    @EventHandler
    void on(InvoiceVoided event, @SequenceNumber long sequence) {
        apply(event.invoiceId(), sequence, db.update(INVOICE)
                .set(INVOICE.STATUS, "VOID")
                .set(INVOICE.VOIDED_AT, utc(event.voidedAt()))
                .set(INVOICE.VOID_REASON, event.reason()));
    }

    /** The note is recorded only when the invoice row took the event, so a redelivery credits nothing twice. */
    @EventHandler
    void on(CreditNoteIssued event, @SequenceNumber long sequence) {
        BigDecimal amount = event.amount().amount();
        if (apply(event.invoiceId(), sequence, db.update(INVOICE)
                .set(INVOICE.CREDITED, INVOICE.CREDITED.plus(amount)))) {
            db.insertInto(CREDIT_NOTE)
                    .set(CREDIT_NOTE.INVOICE_ID, event.invoiceId().value())
                    .set(CREDIT_NOTE.CREDIT_NOTE_ID, event.creditNoteId())
                    .set(CREDIT_NOTE.SEQUENCE, sequence)
                    .set(CREDIT_NOTE.AMOUNT, amount)
                    .set(CREDIT_NOTE.REASON, event.reason())
                    .set(CREDIT_NOTE.ISSUED_AT, utc(event.issuedAt()))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /** An earlier failure stays on the row after a later payment succeeds: the history of what happened. */
    @EventHandler
    void on(InvoicePaid event, @SequenceNumber long sequence) {
        apply(event.invoiceId(), sequence, db.update(INVOICE)
                .set(INVOICE.STATUS, "PAID")
                .set(INVOICE.PAID_AT, utc(event.paidAt()))
                .set(INVOICE.PAID_AMOUNT, event.amount().amount())
                .set(INVOICE.PAYMENT_REFERENCE, event.paymentReference()));
    }

    @EventHandler
    void on(InvoicePaymentFailed event, @SequenceNumber long sequence) {
        apply(event.invoiceId(), sequence, db.update(INVOICE)
                .set(INVOICE.STATUS, "PAYMENT_FAILED")
                .set(INVOICE.PAYMENT_FAILED_AT, utc(event.failedAt()))
                .set(INVOICE.PAYMENT_FAILURE_REASON, event.reason()));
    }

    /** Where the invoice is in Stripe changes nothing of its status: Stripe's webhooks report the payment. */
    @EventHandler
    void on(InvoiceSentToStripe event, @SequenceNumber long sequence) {
        apply(event.invoiceId(), sequence, db.update(INVOICE)
                .set(INVOICE.STRIPE_INVOICE_ID, event.stripeInvoiceId())
                .set(INVOICE.SENT_TO_STRIPE_AT, utc(event.sentAt())));
    }

    /** All lines in one statement, numbered in the draft's order; a redelivery conflicts and adds none. */
    private void insertLines(String invoiceId, List<InvoiceLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        var insert = db.insertInto(INVOICE_LINE, INVOICE_LINE.INVOICE_ID, INVOICE_LINE.LINE_NO, INVOICE_LINE.METER,
                INVOICE_LINE.ENVIRONMENT_ID, INVOICE_LINE.QUANTITY, INVOICE_LINE.UNIT, INVOICE_LINE.RATE,
                INVOICE_LINE.EXACT_AMOUNT, INVOICE_LINE.AMOUNT, INVOICE_LINE.ADJUSTMENT);
        for (int index = 0; index < lines.size(); index++) {
            InvoiceLine line = lines.get(index);
            insert = insert.values(invoiceId, index, line.meter().name(),
                    line.environmentId() == null ? null : line.environmentId().value(), line.quantity(),
                    line.unit().wireName(), line.rate(), line.exactAmount(), line.amount().amount(),
                    line.adjustment());
        }
        insert.onConflictDoNothing().execute();
    }

    /**
     * Runs the invoice row's {@code update} once: a redelivered event (sequence not newer than the row's) changes
     * nothing. True when the event was applied now. An update statement rather than a map, because the values an
     * event leaves out (a reason, a due date) are nulls, which {@code Map.of} refuses.
     */
    private boolean apply(InvoiceId invoiceId, long sequence, UpdateSetMoreStep<InvoiceRecord> update) {
        return update
                .set(INVOICE.LAST_SEQUENCE, sequence)
                .where(INVOICE.ID.eq(invoiceId.value()).and(INVOICE.LAST_SEQUENCE.lt(sequence)))
                .execute() == 1;
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(INVOICE).execute();
        db.deleteFrom(INVOICE_LINE).execute();
        db.deleteFrom(CREDIT_NOTE).execute();
    }
}
