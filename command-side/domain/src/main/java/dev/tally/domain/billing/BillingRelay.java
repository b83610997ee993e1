package dev.tally.domain.billing;

import dev.tally.api.billing.CreditNoteIssued;
import dev.tally.api.billing.DraftInvoice;
import dev.tally.api.billing.InvoicePaid;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.credits.RecordInvoicePayment;
import dev.tally.api.credits.ReverseCharge;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps invoices and ledgers in step, in the transaction of the event: a closed period opens its draft invoice, a
 * credit note gives its amount back in the ledger, and a paid invoice is received in cash. Subscribing, like the
 * other relays, so neither side is ever without the other.
 */
@Component
@ProcessingGroup(BillingRelay.PROCESSING_GROUP)
public class BillingRelay {

    public static final String PROCESSING_GROUP = "billing-relay";

    private final CommandGateway commandGateway;

    public BillingRelay(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(PeriodClosed event) {
        commandGateway.sendAndWait(new DraftInvoice(event.invoiceId(), event.accountId(), event.periodStart(),
                event.periodEnd(), event.billingMode(), event.lines(), event.subtotal(), event.creditsApplied(),
                event.total(), event.closedAt()));
    }

    /** Prepaid: the credits come back to the balance; postpaid: the account owes that much less. */
    @EventHandler
    void on(CreditNoteIssued event) {
        commandGateway.sendAndWait(new ReverseCharge(event.accountId(), "credit-note-" + event.creditNoteId(),
                event.invoiceId().value(), event.amount(), event.reason(), event.issuedAt()));
    }

    @EventHandler
    void on(InvoicePaid event) {
        if (event.amount().isPositive()) {
            commandGateway.sendAndWait(new RecordInvoicePayment(event.accountId(), event.invoiceId(), event.amount(),
                    event.paidAt()));
        }
    }
}
