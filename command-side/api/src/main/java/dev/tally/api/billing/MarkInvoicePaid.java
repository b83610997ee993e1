package dev.tally.api.billing;

import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The invoice was paid (Stripe's invoice.payment_succeeded); a repeat changes nothing. */
public record MarkInvoicePaid(InvoiceId invoiceId, Instant paidAt, String paymentReference) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return invoiceId.aggregateId();
    }
}
