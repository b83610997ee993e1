package dev.tally.api.billing;

import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A payment of the invoice failed (Stripe's invoice.payment_failed): an event the platform can act on. */
public record MarkInvoicePaymentFailed(InvoiceId invoiceId, Instant failedAt, String reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return invoiceId.aggregateId();
    }
}
