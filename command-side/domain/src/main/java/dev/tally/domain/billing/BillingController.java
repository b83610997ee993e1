package dev.tally.domain.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.MoneyRequest;
import dev.tally.api.MoneyView;
import dev.tally.api.billing.ClosePeriod;
import dev.tally.api.billing.FinalizeInvoice;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.billing.IssueCreditNote;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.billing.SetBillingAnchor;
import dev.tally.api.billing.VoidInvoice;
import dev.tally.domain.IdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Admins close an account's billing period into a draft invoice, and finalize, void and credit invoices. */
@RestController
public class BillingController {

    record CloseRequest(Instant periodEnd) {
    }

    record VoidRequest(String reason) {
    }

    record AnchorRequest(Integer day) {
    }

    /** The day of the month an account's billing periods start on. */
    public record Anchor(String accountId, int day) {
    }

    record CreditNoteRequest(String creditNoteId, MoneyRequest amount, String reason) {
    }

    /** A line as invoices show it (API.md, Invoices). */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record LineView(String meter, String environmentId, BigDecimal quantity, String unit, BigDecimal rate,
                           MoneyView amount, boolean adjustment) {

        static LineView of(InvoiceLine line) {
            return new LineView(line.meter().name().toLowerCase(Locale.ROOT), line.environmentId().value(),
                    line.quantity(), line.unit().wireName(), line.rate(), MoneyView.of(line.amount()),
                    line.adjustment());
        }
    }

    /** The draft invoice a closing made. */
    public record DraftView(String id, String accountId, Instant periodStart, Instant periodEnd, String status,
                            List<LineView> lines, MoneyView subtotal, MoneyView creditsApplied, MoneyView total) {
    }

    /** Where an invoice stands after a command; read the invoice for the rest. */
    public record InvoiceStatus(String id, String status) {
    }

    /** A credit note as issued. */
    public record CreditNoteView(String id, String invoiceId, MoneyView amount, String reason, Instant issuedAt) {
    }

    private final CommandGateway commands;
    private final Clock clock;
    private final IdGenerator ids;

    public BillingController(CommandGateway commands, Clock clock, IdGenerator ids) {
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
    }

    /** CONFLICT when usage up to {@code periodEnd} is invoiced already. */
    @PostMapping("/api/v1/accounts/{accountId}/billing-periods/close")
    @ResponseStatus(HttpStatus.CREATED)
    public DraftView close(@PathVariable String accountId, @RequestBody CloseRequest request) {
        new FieldErrors().check(request.periodEnd() != null, "periodEnd", "is required: an ISO-8601 instant")
                .throwIfAny();
        PeriodClosed closed = commands.sendAndWait(new ClosePeriod(AccountId.of(accountId), request.periodEnd(),
                InvoiceId.of(ids.next("inv")), clock.instant()));
        if (closed == null) {
            throw DomainException.conflict("account " + accountId + " is invoiced up to " + request.periodEnd()
                    + " or later already");
        }
        return new DraftView(closed.invoiceId().value(), accountId, closed.periodStart(), closed.periodEnd(),
                "DRAFT", closed.lines().stream().map(LineView::of).toList(), MoneyView.of(closed.subtotal()),
                MoneyView.of(closed.creditsApplied()), MoneyView.of(closed.total()));
    }

    @PostMapping("/api/v1/accounts/{accountId}/billing-anchor")
    public Anchor anchor(@PathVariable String accountId, @RequestBody AnchorRequest request) {
        commands.sendAndWait(new SetBillingAnchor(AccountId.of(accountId), request.day()));
        return new Anchor(accountId, request.day());
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/finalize")
    public InvoiceStatus finalize(@PathVariable String invoiceId) {
        commands.sendAndWait(new FinalizeInvoice(InvoiceId.of(invoiceId), clock.instant()));
        return new InvoiceStatus(invoiceId, "FINALIZED");
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/void")
    public InvoiceStatus voidInvoice(@PathVariable String invoiceId, @RequestBody VoidRequest request) {
        commands.sendAndWait(new VoidInvoice(InvoiceId.of(invoiceId), request.reason(), clock.instant()));
        return new InvoiceStatus(invoiceId, "VOID");
    }

    @PostMapping("/api/v1/invoices/{invoiceId}/credit-notes")
    @ResponseStatus(HttpStatus.CREATED)
    public CreditNoteView creditNote(@PathVariable String invoiceId, @RequestBody CreditNoteRequest request) {
        FieldErrors errors = new FieldErrors()
                .check(request.creditNoteId() == null || Ids.isValid(request.creditNoteId()), "creditNoteId", Ids.RULE)
                .check(request.amount() != null, "amount", "is required: {\"amount\": \"10.00\", \"currency\": \"EUR\"}")
                .text(request.reason(), "reason", 500);
        Money amount = request.amount() == null ? null : request.amount().toPositiveMoney("amount", errors);
        errors.throwIfAny();
        String id = request.creditNoteId() != null ? request.creditNoteId() : ids.next("cn");
        Instant issuedAt = clock.instant();
        commands.sendAndWait(new IssueCreditNote(InvoiceId.of(invoiceId), id, amount, request.reason(), issuedAt));
        return new CreditNoteView(id, invoiceId, MoneyView.of(amount), request.reason(), issuedAt);
    }
}
