package dev.tally.query.billing;

import dev.tally.api.DomainException;
import dev.tally.api.MoneyView;
import dev.tally.api.PageView;
import dev.tally.api.account.BillingMode;
import dev.tally.api.metering.Meter;
import dev.tally.query.Paging;
import dev.tally.query.metering.DisplayUnits;
import dev.tally.schema.jooq.tables.records.CreditNoteRecord;
import dev.tally.schema.jooq.tables.records.InvoiceLineRecord;
import dev.tally.schema.jooq.tables.records.InvoiceRecord;
import org.jooq.DSLContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.CREDIT_NOTE;
import static dev.tally.schema.jooq.Tables.INVOICE;
import static dev.tally.schema.jooq.Tables.INVOICE_LINE;
import static dev.tally.schema.jooq.Tables.SCHEDULED_TASKS;

/** Invoices and an account's billing history, from the invoices read model (API.md, Invoices). */
@RestController
@RequestMapping("/api/v1")
public class InvoiceQueryController {

    /** What an adjustment line is: usage measured after its period had closed, billed on the next invoice. */
    static final String ADJUSTMENT_LABEL = "late usage from an earlier period";

    /** The db-scheduler task that pushes an invoice to Stripe, one instance per invoice id. */
    private static final String STRIPE_INVOICE_TASK = "stripe-invoice";

    private final DSLContext db;

    public InvoiceQueryController(DSLContext db) {
        this.db = db;
    }

    /** Newest period first, as a billing history reads; an account without invoices has an empty history. */
    @GetMapping("/accounts/{accountId}/invoices")
    public PageView<InvoiceView> ofAccount(@PathVariable String accountId,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        if (!db.fetchExists(ACCOUNT_BALANCE, ACCOUNT_BALANCE.ACCOUNT_ID.eq(accountId))) {
            throw DomainException.notFound("no account " + accountId);
        }
        PageView<InvoiceRecord> rows = paging.fetch(db, INVOICE, INVOICE.ACCOUNT_ID.eq(accountId), row -> row,
                INVOICE.PERIOD_END.desc(), INVOICE.ID.desc());
        return new PageView<>(views(rows.items()), rows.page(), rows.size(), rows.total());
    }

    @GetMapping("/invoices/{invoiceId}")
    public InvoiceView get(@PathVariable String invoiceId) {
        InvoiceRecord row = db.selectFrom(INVOICE)
                .where(INVOICE.ID.eq(invoiceId))
                .fetchOptional()
                .orElseThrow(() -> DomainException.notFound("no invoice " + invoiceId));
        return views(List.of(row)).getFirst();
    }

    /**
     * The invoices with their lines and credit notes, in two more queries whatever their number. A credit note is
     * written in the transaction that adds it to its invoice's {@code credited}, but may commit between the reads:
     * only notes the invoice row has counted (sequence up to its own) are shown, so the list always adds up.
     */
    private List<InvoiceView> views(List<InvoiceRecord> invoices) {
        List<String> ids = invoices.stream().map(InvoiceRecord::getId).toList();
        Map<String, List<InvoiceLineRecord>> lines = db.selectFrom(INVOICE_LINE)
                .where(INVOICE_LINE.INVOICE_ID.in(ids))
                .orderBy(INVOICE_LINE.LINE_NO)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(InvoiceLineRecord::getInvoiceId));
        Set<String> queued = Set.copyOf(db.select(SCHEDULED_TASKS.TASK_INSTANCE)
                .from(SCHEDULED_TASKS)
                .where(SCHEDULED_TASKS.TASK_NAME.eq(STRIPE_INVOICE_TASK).and(SCHEDULED_TASKS.TASK_INSTANCE.in(ids)))
                .fetch(SCHEDULED_TASKS.TASK_INSTANCE));
        Map<String, List<CreditNoteRecord>> creditNotes = db.selectFrom(CREDIT_NOTE)
                .where(CREDIT_NOTE.INVOICE_ID.in(ids))
                .orderBy(CREDIT_NOTE.SEQUENCE)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(CreditNoteRecord::getInvoiceId));
        return invoices.stream()
                .map(invoice -> view(invoice, lines.getOrDefault(invoice.getId(), List.of()),
                        creditNotes.getOrDefault(invoice.getId(), List.of()).stream()
                                .filter(note -> note.getSequence() <= invoice.getLastSequence())
                                .toList(), queued.contains(invoice.getId())))
                .toList();
    }

    private static InvoiceView view(InvoiceRecord row, List<InvoiceLineRecord> lines,
                                    List<CreditNoteRecord> creditNotes, boolean queuedForStripe) {
        Currency currency = Currency.getInstance(row.getCurrency());
        return new InvoiceView(row.getId(), row.getNumber(), row.getAccountId(), instant(row.getPeriodStart()),
                instant(row.getPeriodEnd()), row.getStatus(), BillingMode.valueOf(row.getBillingMode()),
                lines.stream().map(line -> line(line, currency)).toList(),
                MoneyView.of(row.getSubtotal(), currency),
                MoneyView.of(row.getCreditsApplied(), currency),
                MoneyView.of(row.getTotal(), currency),
                MoneyView.of(row.getCredited(), currency),
                creditNotes.stream().map(note -> creditNote(note, currency)).toList(),
                instant(row.getDraftedAt()), instant(row.getFinalizedAt()), instant(row.getDueAt()),
                instant(row.getPaidAt()), MoneyView.of(row.getPaidAmount(), currency), row.getPaymentReference(),
                instant(row.getPaymentFailedAt()), row.getPaymentFailureReason(),
                instant(row.getVoidedAt()), row.getVoidReason(),
                stripe(row, queuedForStripe));
    }

    private static InvoiceLineView line(InvoiceLineRecord row, Currency currency) {
        boolean adjustment = row.getAdjustment();
        return new InvoiceLineView(DisplayUnits.meter(Meter.valueOf(row.getMeter())), row.getEnvironmentId(),
                decimal(row.getQuantity()), row.getUnit(), decimal(row.getRate()), decimal(row.getExactAmount()),
                MoneyView.of(row.getAmount(), currency), adjustment, adjustment ? ADJUSTMENT_LABEL : null);
    }

    private static CreditNoteView creditNote(CreditNoteRecord row, Currency currency) {
        return new CreditNoteView(row.getCreditNoteId(), MoneyView.of(row.getAmount(), currency), row.getReason(),
                instant(row.getIssuedAt()));
    }

    /**
     * Sent once Stripe has it; pending while the durable push to Stripe is queued (Stripe configured, the invoice
     * postpaid and finalized, and Stripe not reached yet). Otherwise it has nothing to do with Stripe.
     */
    private static StripeView stripe(InvoiceRecord row, boolean queued) {
        if (row.getStripeInvoiceId() != null) {
            return StripeView.sent(row.getStripeInvoiceId(), instant(row.getSentToStripeAt()));
        }
        return queued ? StripeView.pending() : null;
    }

    /** A read model's NUMERIC as a plain decimal string without trailing zeros: "0.05", "720". */
    private static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
