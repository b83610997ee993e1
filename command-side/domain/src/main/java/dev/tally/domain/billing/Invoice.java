package dev.tally.domain.billing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.billing.CreditNoteIssued;
import dev.tally.api.billing.DraftInvoice;
import dev.tally.api.billing.FinalizeInvoice;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.InvoicePaid;
import dev.tally.api.billing.InvoicePaymentFailed;
import dev.tally.api.billing.InvoiceSentToStripe;
import dev.tally.api.billing.InvoiceVoided;
import dev.tally.api.billing.IssueCreditNote;
import dev.tally.api.billing.MarkInvoicePaid;
import dev.tally.api.billing.MarkInvoicePaymentFailed;
import dev.tally.api.billing.RecordStripeInvoice;
import dev.tally.api.billing.VoidInvoice;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An invoice of one closed billing period. A draft can be finalized (it then takes its number and never changes) or
 * voided; a finalized one is paid, or its payment fails, or it is voided; credit notes give part of it back. What
 * it says about money moves in the account's ledger, through {@code BillingRelay}.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Invoice {

    /** Payment terms: a finalized invoice is due this long after. */
    static final Duration PAYMENT_TERMS = Duration.ofDays(14);

    enum Status { DRAFT, FINALIZED, PAID, PAYMENT_FAILED, VOID }

    @AggregateIdentifier
    private String aggregateId;
    private InvoiceId invoiceId;
    private AccountId accountId;
    private BillingMode billingMode;
    private Status status;
    private Money subtotal;
    private Money total;
    private Money credited;
    private String stripeInvoiceId;
    private Map<String, Money> creditNotes = new HashMap<>();

    Invoice() {
    }

    @CommandHandler
    Invoice(DraftInvoice command) {
        apply(new InvoiceDrafted(command.invoiceId(), command.accountId(), command.periodStart(),
                command.periodEnd(), command.billingMode(), command.lines(), command.subtotal(),
                command.creditsApplied(), command.total(), command.draftedAt()));
    }

    /** Takes the next number of the year; a zero invoice (all paid by credits) is settled at once. */
    @CommandHandler
    void handle(FinalizeInvoice command, InvoiceNumbering numbering) {
        if (status == Status.FINALIZED || status == Status.PAID || status == Status.PAYMENT_FAILED) {
            return;
        }
        require(Status.DRAFT, "finalize");
        String number = numbering.next(invoiceId, command.finalizedAt());
        apply(new InvoiceFinalized(invoiceId, accountId, number, billingMode, total, command.finalizedAt(),
                command.finalizedAt().plus(PAYMENT_TERMS)));
        if (!total.isPositive()) {
            apply(new InvoicePaid(invoiceId, accountId, total, command.finalizedAt(), "nothing due"));
        }
    }

    @CommandHandler
    void handle(VoidInvoice command) {
        if (status == Status.VOID) {
            return;
        }
        if (status == Status.PAID) {
            throw DomainException.conflict("invoice " + invoiceId + " is paid; give money back with a credit note");
        }
        new FieldErrors().text(command.reason(), "reason", 500).throwIfAny();
        apply(new InvoiceVoided(invoiceId, accountId, command.reason(), command.voidedAt()));
    }

    /** Up to what the invoice charged and has not credited yet; a repeat of a credit note changes nothing. */
    @CommandHandler
    void handle(IssueCreditNote command) {
        Money earlier = creditNotes.get(command.creditNoteId());
        if (earlier != null) {
            if (earlier.equals(command.amount())) {
                return;
            }
            throw DomainException.conflict("credit note " + command.creditNoteId() + " was issued for "
                    + earlier.display());
        }
        if (status == Status.DRAFT || status == Status.VOID) {
            throw DomainException.conflict("invoice " + invoiceId + " is " + status
                    + ": only a finalized invoice takes credit notes");
        }
        new FieldErrors().text(command.reason(), "reason", 500)
                .check(command.amount().currency().equals(subtotal.currency()) && command.amount().isPositive(),
                        "amount", "must be positive, in the invoice's currency " + subtotal.currency())
                .throwIfAny();
        Money creditable = subtotal.minus(credited);
        if (command.amount().compareTo(creditable) > 0) {
            throw DomainException.conflict("invoice " + invoiceId + " has " + creditable.display()
                    + " left to credit, less than " + command.amount().display());
        }
        apply(new CreditNoteIssued(invoiceId, accountId, command.creditNoteId(), billingMode, command.amount(),
                command.reason(), command.issuedAt()));
    }

    /** A repeat, or a payment reported for an invoice already paid, changes nothing. */
    @CommandHandler
    void handle(MarkInvoicePaid command) {
        if (status == Status.PAID) {
            return;
        }
        if (status != Status.FINALIZED && status != Status.PAYMENT_FAILED) {
            throw DomainException.conflict("invoice " + invoiceId + " is " + status + " and cannot be paid");
        }
        apply(new InvoicePaid(invoiceId, accountId, total.minus(credited), command.paidAt(),
                command.paymentReference()));
    }

    /** A failure reported after the invoice was paid or voided (webhooks come in any order) changes nothing. */
    @CommandHandler
    void handle(MarkInvoicePaymentFailed command) {
        if (status == Status.FINALIZED) {
            apply(new InvoicePaymentFailed(invoiceId, accountId, command.failedAt(), command.reason()));
        } else if (status == Status.DRAFT) {
            throw DomainException.conflict("invoice " + invoiceId + " is a draft: nothing was asked to be paid");
        }
    }

    @CommandHandler
    void handle(RecordStripeInvoice command) {
        if (command.stripeInvoiceId().equals(stripeInvoiceId)) {
            return;
        }
        if (stripeInvoiceId != null) {
            throw DomainException.conflict("invoice " + invoiceId + " is Stripe invoice " + stripeInvoiceId);
        }
        apply(new InvoiceSentToStripe(invoiceId, accountId, command.stripeInvoiceId(), command.sentAt()));
    }

    private void require(Status required, String action) {
        if (status != required) {
            throw DomainException.conflict("cannot " + action + " invoice " + invoiceId + ": it is " + status);
        }
    }

    @EventSourcingHandler
    void on(InvoiceDrafted event) {
        aggregateId = event.invoiceId().aggregateId();
        invoiceId = event.invoiceId();
        accountId = event.accountId();
        billingMode = event.billingMode();
        subtotal = event.subtotal();
        total = event.total();
        credited = Money.zero(event.subtotal().currency());
        status = Status.DRAFT;
    }

    @EventSourcingHandler
    void on(InvoiceFinalized event) {
        status = Status.FINALIZED;
    }

    @EventSourcingHandler
    void on(InvoiceVoided event) {
        status = Status.VOID;
    }

    @EventSourcingHandler
    void on(CreditNoteIssued event) {
        creditNotes.put(event.creditNoteId(), event.amount());
        credited = credited.plus(event.amount());
    }

    @EventSourcingHandler
    void on(InvoicePaid event) {
        status = Status.PAID;
    }

    @EventSourcingHandler
    void on(InvoicePaymentFailed event) {
        status = Status.PAYMENT_FAILED;
    }

    @EventSourcingHandler
    void on(InvoiceSentToStripe event) {
        stripeInvoiceId = event.stripeInvoiceId();
    }
}
