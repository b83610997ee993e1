package dev.tally.api.billing;

import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The finalized invoice now exists in Stripe as {@code stripeInvoiceId}. */
public record RecordStripeInvoice(InvoiceId invoiceId, String stripeInvoiceId, Instant sentAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return invoiceId.aggregateId();
    }
}
